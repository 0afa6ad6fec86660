"""Free-text search over the roster, ranked by TF-IDF cosine similarity (scikit-learn). Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


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

    def search(self, text: str, limit: int = 50, among=None) -> list[tuple[object, float]]:
        """Best matches, most relevant first; ``among`` restricts to a set of ids (the filters)."""
        scores = self.scores(text)
        order = np.argsort(-scores, kind="stable")
        allowed = None if among is None else set(among)
        found = []
        for i in order:
            if scores[i] <= 0:
                break
            if allowed is None or self.ids[i] in allowed:
                found.append((self.ids[i], float(scores[i])))
                if len(found) == limit:
                    break
        return found
