"""roster/search.py on its own (pure, no database): an expert who matches every word of the query
ranks above one who matches only some, however much more similar the partial match is."""

from liaison.roster.search import Index


def test_every_word_ranks_above_some_words():
    index = Index.build(["partial", "all", "none", "other-partial"], [
        # TF-IDF alone prefers this one: "liability" repeated, a short text
        "Liability liability liability and redress",
        "Customs training; liability and redress under the supplementary protocol; border detection, laboratory work",
        "Public awareness",
        "Customs training at the border",
    ])
    plain_tfidf = index.scores("liability customs")
    assert plain_tfidf[0] > plain_tfidf[1]  # the premise: similarity alone would put the partial match first
    found = [pk for pk, _ in index.search("liability customs")]
    assert found[0] == "all"
    assert set(found[1:]) == {"partial", "other-partial"} and "none" not in found


def test_count_of_words_orders_before_similarity():
    index = Index.build([1, 2, 3], [
        "risk risk risk risk",
        "risk assessment",
        "risk assessment maize detailed long profile of an expert in many other things entirely",
    ])
    assert index.terms_matched("risk assessment maize").tolist() == [1, 2, 3]
    assert [pk for pk, _ in index.search("risk assessment maize")] == [3, 2, 1]


def test_stop_words_and_unknown_words_do_not_count():
    index = Index.build([1, 2], ["Risk assessment of maize", "Risk of drought"])
    assert index.terms_matched("the risk of").tolist() == [1, 1]
    assert index.terms_matched("risk quantum").tolist() == [1, 1]  # no one has "quantum": nobody is ahead for it
    assert index.terms_matched("").tolist() == [0, 0]


def test_filters_and_limit_keep_the_order():
    index = Index.build([1, 2, 3], ["customs liability", "customs", "liability"])
    assert [pk for pk, _ in index.search("customs liability", among={2, 3})] in ([2, 3], [3, 2])
    assert [pk for pk, _ in index.search("customs liability", limit=1)] == [1]


def test_an_index_with_no_vocabulary_finds_nothing():
    index = Index.build([1], ["the of and"])
    assert index.search("anything") == [] and index.terms_matched("anything").tolist() == [0]
