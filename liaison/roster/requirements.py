"""A group's minimum requirements for nominating an expert. Pure Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass

DEGREES = {0: "no degree", 1: "a bachelor's degree", 2: "a master's degree", 3: "a doctorate"}


@dataclass(frozen=True)
class Policy:
    minimum_degree: int = 2
    minimum_years: int = 5
    minimum_references: int = 2
    minimum_areas: int = 1


@dataclass(frozen=True)
class Nomination:
    degree: int
    years: int
    references: int
    areas: int
    has_profile: bool
    has_email: bool


def missing(nomination: Nomination, policy: Policy) -> list[str]:
    """What a nomination lacks, one sentence per requirement; empty when it meets them all."""
    gaps = []
    if nomination.degree < policy.minimum_degree:
        gaps.append(f"The roster asks for at least {DEGREES[policy.minimum_degree]}; the nomination gives {DEGREES[nomination.degree]}.")
    if nomination.years < policy.minimum_years:
        gaps.append(f"At least {policy.minimum_years} years of experience are required; the nomination gives {nomination.years}.")
    if nomination.references < policy.minimum_references:
        gaps.append(f"{policy.minimum_references} references are required; the nomination gives {nomination.references}.")
    if nomination.areas < policy.minimum_areas:
        gaps.append(f"Choose at least {policy.minimum_areas} area(s) of expertise.")
    if not nomination.has_profile:
        gaps.append("A short profile is required.")
    if not nomination.has_email:
        gaps.append("An e-mail address of the expert is required.")
    return gaps
