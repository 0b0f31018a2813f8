"""A trained classifier of clause roles: what each clause of a letter asks the agency to do.

A spaCy `textcat` over character n-grams (the route model's config, classifiers/config.cfg),
trained by scripts/train_clauses.py on clauses written for the purpose
(classifiers/training/clauses.py) and shipped inside the package. Load it once, pass it in:

    model = ClauseModel.load()
    model.predict(["我想要去年那次抽查的检测报告", "请依法查处"])   # one {role: probability} per clause
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROLES = ("ask_info", "ask_vague", "demand_redress", "demand_enforce", "demand_agency", "grievance", "question", "delivery",
         "purpose", "other")
DEFAULT_PATH = Path(__file__).parent.parent / "models" / "clauses"
_DIGITS = re.compile(r"[0-9０-９]+")
_GAP_BETWEEN_CJK = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_SPACES = re.compile(r"\s+")


class ClauseModelNotFound(FileNotFoundError):
    """The trained pipeline is not where it was looked for (not trained, or not installed)."""


def prepare(clause: str) -> str:
    """Numbers as one placeholder (IDs, dates, amounts vary), Latin lower-cased, no spaces
    between Chinese characters (scans space them out anywhere)."""
    text = _DIGITS.sub("0", clause).lower()
    return _SPACES.sub(" ", _GAP_BETWEEN_CJK.sub("", text)).strip()


class ClauseModel:
    def __init__(self, nlp: Any, path: Path) -> None:
        self._nlp = nlp
        self.path = path

    @classmethod
    def load(cls, path: Path | None = None) -> ClauseModel:
        import spacy  # imported here so that importing this module stays cheap

        where = Path(path) if path is not None else DEFAULT_PATH
        if not (where / "config.cfg").is_file():
            raise ClauseModelNotFound(f"no trained clause model at {where}: run `python scripts/train_clauses.py`")
        nlp = spacy.load(where)
        missing = set(ROLES) - set(getattr(nlp.get_pipe("textcat"), "labels", ()))
        if missing:
            raise ClauseModelNotFound(f"the clause model at {where} lacks roles {sorted(missing)}")
        return cls(nlp, where)

    def predict(self, clauses: Sequence[str]) -> list[dict[str, float]]:
        """For each clause, role → probability (softmax over exclusive roles)."""
        found = []
        for doc in self._nlp.pipe((prepare(clause) for clause in clauses), batch_size=64):
            raw = {role: max(float(doc.cats.get(role, 0.0)), 0.0) for role in ROLES}
            total = sum(raw.values()) or 1.0
            found.append({role: value / total for role, value in raw.items()})
        return found
