"""ualign's plug-in protocol 1 in one file (standard library only: json, fractions, sys).

    from ualign_plugin import run
    run("my-algorithm", align)        # align(prompt, k, rule) -> an answer, see below

ualign starts the program once per check (ualign check --algorithm 'cmd:python3 my_algorithm.py')
and writes one JSON request per line; `run` answers each with what `align` returns:

  - a dict {response id: probability}: a policy pi, read as its product pi^{(x)k};
  - policy(probs, slack=None, note=None): the same, with a certified slack and/or a note;
  - mixture([(weight, probs), ...], slack=None, note=None): draw a part, then k samples from it
    (SPEC T5's sigma_T);
  - k_output([(responses, prob), ...], slack=None, note=None): a distribution over k-multisets.

Numbers may be Fractions or ints (sent exactly, as "p/q" strings) or floats (ualign reads their exact
values; a float vector whose sum is within 1e-9 of 1 is divided by it, with a note in the report).
A declared slack s claims only rob_k >= k/(k+1) - s; ualign recomputes rob_k exactly either way.
An exception in align is sent as {"error": ...}: ualign prints it as one line and stops (exit 2).
print() inside align goes to stderr (ualign shows it prefixed with the plug-in's name): stdout is
the protocol's.
"""
import json
import sys
from fractions import Fraction

PROTOCOL = 1


class Prompt:
    """One prompt: `responses` (ids) and `users`, a list of (weight: Fraction, tiers), tiers best
    first; responses a user does not list form its last tier (tied below everything listed)."""

    def __init__(self, j):
        self.responses = list(j["responses"])
        self.users = []
        for u in j["users"]:
            tiers = [list(t) for t in u["ranking"]]
            listed = {y for t in tiers for y in t}
            rest = [y for y in self.responses if y not in listed]
            self.users.append((Fraction(u["weight"]), tiers + [rest] if rest else tiers))


class Answer:
    def __init__(self, key, value, slack=None, note=None):
        self.key, self.value, self.slack, self.note = key, value, slack, note


def _num(x):
    if isinstance(x, bool) or not isinstance(x, (int, float, Fraction)):
        raise TypeError(f"{x!r} is not a number")
    return x if isinstance(x, float) else str(Fraction(x))  # exact: "p/q" or "p"


def _probs(probs):
    return {y: _num(p) for y, p in probs.items()}


def policy(probs, slack=None, note=None):
    return Answer("policy", _probs(probs), slack, note)


def mixture(parts, slack=None, note=None):
    return Answer("model", {"kind": "mixture", "parts": [{"weight": _num(w), "policy": _probs(p)} for w, p in parts]}, slack, note)


def k_output(outcomes, slack=None, note=None):
    return Answer("model", {"kind": "k-output", "outcomes": [{"responses": list(r), "prob": _num(p)} for r, p in outcomes]}, slack, note)


def uniform_scores(prompt, pi, k):
    """U_k(y; pi) for every response y under the uniform rule (SPEC section 2):
    E_theta[((e+w)^(k+1) - w^(k+1)) / ((k+1) e)], and w^k when e = 0, where e = pi(E_theta(y)) and
    w = pi(W_theta(y)). Exact when pi holds Fractions, a float when it holds floats."""
    u = {y: 0 for y in prompt.responses}
    for weight, tiers in prompt.users:
        w = 0
        for tier in reversed(tiers):  # worst tier first: w is the mass strictly below
            e = sum(pi.get(y, 0) for y in tier)
            v = w**k if e == 0 else ((e + w) ** (k + 1) - w ** (k + 1)) / ((k + 1) * e)
            for y in tier:
                u[y] += weight * v
            w += e
    return u


def regret(prompt, iterates, k):
    """Reg_T = max_y sum_t U_k(y; pi_t) - T/(k+1) (SPEC T5), exact for Fraction iterates."""
    total = {y: Fraction(0) for y in prompt.responses}
    for pi in iterates:
        for y, v in uniform_scores(prompt, pi, k).items():
            total[y] += v
    return max(total.values()) - Fraction(len(iterates), k + 1)


def exact_policy(pi, bits=32):
    """A float policy rounded to multiples of 2^-bits that sum to exactly 1 (Fractions)."""
    q = {y: Fraction(round(p * 2**bits), 2**bits) for y, p in pi.items()}
    top = max(q, key=q.get)
    q[top] += 1 - sum(q.values())
    return q


def run(name, align, description=None):
    """Say hello, then answer every request on stdin until it closes."""
    out, sys.stdout = sys.stdout, sys.stderr  # print() in align must not break the protocol

    def send(obj):
        out.write(json.dumps(obj, allow_nan=False, separators=(",", ":")) + "\n")
        out.flush()

    send({"name": name, "protocol": PROTOCOL, **({"description": description} if description else {})})
    for line in sys.stdin:
        req = json.loads(line)
        try:
            a = align(Prompt(req["prompt"]), req["k"], req["rule"])
            if not isinstance(a, Answer):
                a = policy(a)
            msg = {"id": req["id"], a.key: a.value}
            if a.slack is not None:
                msg["slack"] = _num(a.slack)
            if a.note is not None:
                msg["note"] = str(a.note)
            text = json.dumps(msg, allow_nan=False, separators=(",", ":"))
        except Exception as e:  # the algorithm's failure: one error answer, ualign stops
            text = json.dumps({"id": req["id"], "error": f"{type(e).__name__}: {e}"})
        out.write(text + "\n")
        out.flush()
