"""A trained text classifier for the route: application, petition, complaint, report, ….

The model is a spaCy `textcat` over character n-grams (classifiers/config.cfg), trained by
scripts/train_route.py on letters written for the purpose (classifiers/training/) and shipped
inside the package, so nothing is downloaded at run time. Load it once and pass it in:

    model = RouteModel.load()
    model.predict(text)   # {"application": 0.91, "complaint": 0.04, ...}

Training and prediction both see text through `prepare`, so what the model learned from is
exactly what it is shown.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROUTES = ("application", "petition", "complaint", "report", "consultation", "other")
DEFAULT_PATH = Path(__file__).parent.parent / "models" / "route"

HEAD_CHARS = 1500      # letters state their purpose early: heading, salutation, request
TAIL_BUDGET = 600      # …but a long letter may put the request after pages of background
WINDOW = 120
# Words around which a long letter's request usually sits.
REQUEST_WORDS = re.compile(
    r"申请公开|要求公开|请求公开|所需.{0,4}信息|投诉|举报|请问|咨询|诉求|请求|要求|责令|查处|赔偿|退款|撤销|特此|此致")
CJK = r"\u3400-\u9fff\uf900-\ufaff"
_DIGITS = re.compile(r"[0-9０-９]+")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]+")
_GAP_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
_SPACES = re.compile(r"\s+")
_CLAUSE_END = re.compile(r"(?<=[。！？；!?;\n])")


class RouteModelNotFound(FileNotFoundError):
    """The trained pipeline is not where it was looked for (not trained, or not installed)."""


def clip(text: str, head: int = HEAD_CHARS, budget: int = TAIL_BUDGET) -> str:
    """The first `head` characters, plus windows around request words further on."""
    if len(text) <= head + budget:
        return text
    windows: list[tuple[int, int]] = []
    used = 0
    for match in REQUEST_WORDS.finditer(text, head):
        start, end = max(head, match.start() - WINDOW), min(len(text), match.end() + WINDOW)
        if windows and start <= windows[-1][1]:
            used -= windows[-1][1] - windows[-1][0]
            start = windows.pop()[0]
        end = min(end, start + budget - used)
        windows.append((start, end))
        used += end - start
        if used >= budget:
            break
    return "\n".join([text[:head], *(text[start:end] for start, end in windows)])


def normalise(text: str) -> str:
    """Drop what varies between letters of one kind: numbers, Latin names, layout.

    Digits and Latin runs (IDs, phones, e-mail addresses) become one placeholder each; white
    space between Chinese characters goes, since scans wrap lines and space out characters
    anywhere, which would otherwise break the character n-grams the model relies on.
    """
    text = _DIGITS.sub("0", text)
    text = _LATIN.sub("a", text)
    text = _GAP_BETWEEN_CJK.sub("", text)
    return _SPACES.sub(" ", text).strip()


def prepare(text: str) -> str:
    return normalise(clip(text))


class RouteModel:
    """The loaded pipeline; create once, then call `predict` per document."""

    def __init__(self, nlp: Any, path: Path) -> None:
        self._nlp = nlp
        self.path = path

    @classmethod
    def load(cls, path: Path | None = None) -> RouteModel:
        import spacy  # imported here so that importing this module stays cheap

        where = Path(path) if path is not None else DEFAULT_PATH
        if not (where / "config.cfg").is_file() or not (where / "textcat").is_dir():
            raise RouteModelNotFound(
                f"no trained route model at {where}: run `python scripts/train_route.py` "
                "or reinstall intake with its package data")
        nlp = spacy.load(where)
        if "textcat" not in nlp.pipe_names:
            raise RouteModelNotFound(f"the pipeline at {where} has no textcat component")
        missing = set(ROUTES) - set(getattr(nlp.get_pipe("textcat"), "labels", ()))
        if missing:
            raise RouteModelNotFound(f"the route model at {where} lacks labels {sorted(missing)}")
        return cls(nlp, where)

    def predict(self, text: str) -> dict[str, float]:
        """Route → probability; the probabilities sum to 1 (softmax over exclusive classes)."""
        return self._scores(prepare(text))

    def explain(self, text: str, top: int = 5) -> list[str]:
        """The ranking, then up to `top` clauses whose removal most lowers the winning route.

        Occlusion works for any model and names the writer's own words, which is what a
        reviewer needs to agree or disagree with the decision.
        """
        prepared_clauses = [clause for clause in _CLAUSE_END.split(clip(text)) if len(clause.strip()) >= 4]
        scores = self._scores(prepare(text))
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        best = ranked[0][0]
        reasons = ["; ".join(f"{route} {probability:.2f}" for route, probability in ranked[:3])]
        if not prepared_clauses:
            return reasons
        candidates = sorted(prepared_clauses, key=len, reverse=True)[:40]
        without = [normalise("".join(c for c in prepared_clauses if c is not dropped)) for dropped in candidates]
        drops: list[tuple[float, str]] = []
        for clause, doc in zip(candidates, self._nlp.pipe(without, batch_size=64)):
            drops.append((scores[best] - float(doc.cats.get(best, 0.0)), clause))
        for drop, clause in sorted(drops, key=lambda item: -item[0])[:top]:
            if drop <= 0.005:
                break
            shown = _SPACES.sub(" ", clause).strip()
            shown = shown if len(shown) <= 40 else shown[:38] + "…"
            reasons.append(f"«{shown}» → {best} +{drop:.2f}")
        return reasons

    def _scores(self, prepared: str) -> dict[str, float]:
        cats = self._nlp(prepared).cats
        raw = {route: max(float(cats.get(route, 0.0)), 0.0) for route in ROUTES}
        total = sum(raw.values())
        if total <= 0:
            return {route: 1.0 / len(ROUTES) for route in ROUTES}
        return {route: value / total for route, value in raw.items()}
