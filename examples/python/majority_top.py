"""The majority's top choice as a ualign plug-in: a deterministic answer, which does not scale
with k (SPEC T4): check finds and shrinks a counterexample."""
from fractions import Fraction

from ualign_plugin import run


def align(prompt, k, rule):
    score = {y: Fraction(0) for y in prompt.responses}
    for weight, tiers in prompt.users:
        for y in tiers[0]:
            score[y] += weight / len(tiers[0])
    top = [y for y in prompt.responses if score[y] == max(score.values())]
    return {y: Fraction(1, len(top)) for y in top}


run("majority-top", align, "the response with the largest first-place weight (ties split)")
