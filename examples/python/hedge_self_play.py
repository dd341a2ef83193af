"""Hedge self-play in G_{k+1} as a ualign plug-in: meets the theory with slack Reg_T/T (SPEC T5).

Floats guide the iteration pi_{t+1}(y) ~ pi_t(y) exp(eta U_k(y; pi_t)); the iterates sent are exact
(rounded to 2^-32), and the slack is their exact regret: rob_k = k/(k+1) - Reg_T/T exactly (T5)."""
import math
from fractions import Fraction

from ualign_plugin import exact_policy, mixture, regret, run, uniform_scores

T = 50


def align(prompt, k, rule):
    if rule != "uniform":
        raise ValueError(f"U_k here is the uniform rule's closed form, not {rule}'s")
    eta = math.sqrt(8 * math.log(len(prompt.responses)) / T)
    pi = {y: 1 / len(prompt.responses) for y in prompt.responses}
    iterates = []
    for _ in range(T):
        iterates.append(exact_policy(pi))
        u = uniform_scores(prompt, pi, k)
        pi = {y: p * math.exp(eta * u[y]) for y, p in pi.items()}
        pi = {y: p / sum(pi.values()) for y, p in pi.items()}
    slack = max(regret(prompt, iterates, k), 0) / T  # a negative regret only helps: claim 0 then
    return mixture([(Fraction(1, T), p) for p in iterates], slack=slack)


run("hedge-self-play", align, "Hedge self-play in G_{k+1} (T = 50); slack = exact Reg_T/T (T5)")
