"""A group's minimum requirements for nominating an expert. Pure Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations


def _degree(level: int, t) -> str:
    """The degree as the sentences below name it, through the translations ``t``."""
    return {0: t.pgettext("degree in a sentence", "no degree"),
            1: t.pgettext("degree in a sentence", "a bachelor's degree"),
            2: t.pgettext("degree in a sentence", "a master's degree"),
            3: t.pgettext("degree in a sentence", "a doctorate")}[level]


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


def missing(nomination: Nomination, policy: Policy, translations=None) -> list[str]:
    """What a nomination lacks, one sentence per requirement; empty when it meets them all. In English,
    or through ``translations`` (an object with gettext, ngettext and pgettext: django.utils.translation)."""
    t = translations or NullTranslations()
    gaps = []
    if nomination.degree < policy.minimum_degree:
        gaps.append(t.gettext("The roster asks for at least %(minimum)s; the nomination gives %(given)s.")
                    % {"minimum": _degree(policy.minimum_degree, t), "given": _degree(nomination.degree, t)})
    if nomination.years < policy.minimum_years:
        gaps.append(t.ngettext("At least %(minimum)d year of experience is required; the nomination gives %(given)d.",
                               "At least %(minimum)d years of experience are required; the nomination gives %(given)d.",
                               policy.minimum_years) % {"minimum": policy.minimum_years, "given": nomination.years})
    if nomination.references < policy.minimum_references:
        gaps.append(t.ngettext("%(minimum)d reference is required; the nomination gives %(given)d.",
                               "%(minimum)d references are required; the nomination gives %(given)d.",
                               policy.minimum_references) % {"minimum": policy.minimum_references, "given": nomination.references})
    if nomination.areas < policy.minimum_areas:
        gaps.append(t.ngettext("Choose at least %(minimum)d area of expertise.", "Choose at least %(minimum)d areas of expertise.",
                               policy.minimum_areas) % {"minimum": policy.minimum_areas})
    if not nomination.has_profile:
        gaps.append(t.gettext("A short profile is required."))
    if not nomination.has_email:
        gaps.append(t.gettext("An e-mail address of the expert is required."))
    return gaps
