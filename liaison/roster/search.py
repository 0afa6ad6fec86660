"""Free-text search over the roster (scikit-learn). Pure Python.

Experts are ranked first by how many of the query's words their record contains (stop words aside),
so that whoever matches every word comes before whoever matches only some, and then by TF-IDF
cosine similarity."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def document(profile: str, keywords: str, area_names, publications: str) -> str:
    """The text a roster record is searched by (roster search, the planner's relevance): its
    profile, keywords, the names of its areas of expertise and its publications."""
    return " ".join((profile, keywords, " ".join(area_names), publications))


@dataclass
class Index:
    ids: list
    vectorizer: TfidfVectorizer | None  # None when the documents have no searchable word at all
    matrix: object  # sparse, rows L2-normalised

    @classmethod
    def build(cls, ids: list, documents: list[str]) -> "Index":
        vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1, dtype=np.float32)
        try:
            matrix = vectorizer.fit_transform(documents or [""])
        except ValueError:  # "empty vocabulary": no document has a word that is not a stop word
            return cls(list(ids), None, None)
        return cls(list(ids), vectorizer, matrix)

    def scores(self, text: str) -> np.ndarray:
        """Similarity of every document to ``text`` (0..1)."""
        if not text.strip() or not self.ids or self.vectorizer is None:
            return np.zeros(len(self.ids), dtype=np.float32)
        query = self.vectorizer.transform([text])
        return (self.matrix @ query.T).toarray().ravel()

    def terms_matched(self, text: str) -> np.ndarray:
        """How many distinct words of ``text`` (stop words aside) each document contains."""
        matched = np.zeros(len(self.ids), dtype=np.int32)
        if not text.strip() or not self.ids or self.vectorizer is None:
            return matched
        vocabulary = self.vectorizer.vocabulary_
        columns = sorted({vocabulary[w] for w in self.vectorizer.build_analyzer()(text) if " " not in w and w in vocabulary})
        if columns:
            matched += np.asarray((self.matrix[:, columns] > 0).sum(axis=1), dtype=np.int32).ravel()
        return matched

    def search(self, text: str, limit: int = 50, among=None) -> list[tuple[object, float]]:
        """Best matches: those with more of the query's words first, then the most similar;
        ``among`` restricts to a set of ids (the filters)."""
        scores = self.scores(text)
        hits = np.flatnonzero(scores > 0)
        if not len(hits):
            return []
        matched = self.terms_matched(text)[hits]
        order = hits[np.lexsort((hits, -scores[hits], -matched))]  # words matched, then score, then position
        allowed = None if among is None else set(among)
        found = []
        for i in order:
            if allowed is None or self.ids[i] in allowed:
                found.append((self.ids[i], float(scores[i])))
                if len(found) == limit:
                    break
        return found
