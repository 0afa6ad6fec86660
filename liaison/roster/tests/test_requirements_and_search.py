"""Minimum requirements and TF-IDF search (pure modules)."""

from liaison.roster.requirements import Nomination, Policy, missing
from liaison.roster.search import Index

POLICY = Policy(minimum_degree=2, minimum_years=5, minimum_references=2, minimum_areas=1)


def test_a_complete_nomination_meets_the_requirements():
    assert missing(Nomination(degree=3, years=12, references=2, areas=2, has_profile=True, has_email=True), POLICY) == []


def test_each_gap_is_said():
    gaps = missing(Nomination(degree=1, years=3, references=1, areas=0, has_profile=False, has_email=False), POLICY)
    assert len(gaps) == 6
    assert gaps[0] == "The roster asks for at least a master's degree; the nomination gives a bachelor's degree."
    assert "At least 5 years of experience are required; the nomination gives 3." in gaps
    assert "2 references are required; the nomination gives 1." in gaps


def test_search_ranks_by_relevance():
    index = Index.build([1, 2, 3], [
        "Risk assessment of living modified organisms; environmental risk assessment methodology",
        "Customs officers training on detection and identification of LMOs at borders",
        "Public awareness and participation in biosafety decision-making",
    ])
    assert [i for i, _ in index.search("risk assessment")] == [1]
    assert index.search("detection of LMOs at the border")[0][0] == 2
    assert [i for i, _ in index.search("biosafety participation", among={2, 3})] == [3]
    assert index.search("") == [] and index.search("quantum chromodynamics") == []


def test_search_is_fast_on_a_large_roster():
    """Not a timing assert: checks that 20,000 documents index and answer (the benchmark times it)."""
    words = ["risk", "assessment", "detection", "customs", "liability", "awareness", "training", "laboratory", "policy", "law"]
    documents = [" ".join(words[(i * 7 + j) % 10] for j in range(6)) + f" expert{i}" for i in range(20_000)]
    index = Index.build(list(range(20_000)), documents)
    found = index.search("expert1234 liability", limit=5)
    assert found[0][0] == 1234
