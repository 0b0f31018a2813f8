"""Labels by meaning: an unseen wording of a known label (所需信息用途, 拟获取信息的具体内容) is
mapped to its field with a score; an unknown label is reported as unknown, never guessed.

Every agency words its form differently, so an exact-string table always misses the next one.
A label is matched on two things: how much of it a known wording shares (Dice over character
bigrams), and its head — the last word of a Chinese label names the concept (…方式, …地址, …描述,
…电话). Both come from the reviewed wordings in labels.py; nothing here is a new list.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from intake.classifiers.fields.labels import all_labels

# Below this the label is reported as unknown (tested on wordings of real forms, tests/test_pairs.py).
MATCH_SCORE = 0.62
HEAD_WEIGHT = 0.45
# A wording must share this much with a known one: a head word alone (…事项) does not make a label.
MIN_SHARE = 0.3
MAX_LABEL_CHARS = 20
# What a value has and a label has not: digits, quotes, brackets of a 文号, a full sentence; and what
# a sentence announcing the request has (现申请公开以下政府信息：) — a lead-in, not a form's label.
_VALUE_MARKS = re.compile(r"[0-9０-９《》〔〕\[\]【】@。，,；;]|年|月|日|以下|如下|下列|^(?:现|特|兹|我|请|根据|依据|本人)")
# …（可多选 with its closing bracket lost at the end of the cell is still the note.
_NOTE = re.compile(r"[（(](?:单选|多选|可多选|可选|必填|选填|请勾选|勾选|请填写|如有)(?:[）)]|$)")
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[）)])")


@dataclass(frozen=True, slots=True)
class LabelMatch:
    field: str | None      # None: not a label of any known concept
    score: float
    exact: bool


# A bilingual form's label (Address 通讯地址, Information requested 申请公开的信息): its Chinese words.
_LATIN_BESIDE_HAN = re.compile(r"^[A-Za-z][A-Za-z .'/\-]*(?=\s*[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s*[A-Za-z][A-Za-z .'/\-]*$")


def normalise_label(text: str) -> str:
    text = _LATIN_BESIDE_HAN.sub("", text.strip())
    key = re.sub(r"[\s：:*＊]", "", text).replace("(", "（").replace(")", "）")
    key = _NUMBER.sub("", _NOTE.sub("", key).lstrip("□☑■☐"))
    return key.rstrip("、，,")      # a label wrapped in its cell: 所需政府信息的名称、 / 文号…


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i:i + 2] for i in range(len(text) - 1)) if len(text) > 1 else Counter([text])


@lru_cache(maxsize=1)
def _known() -> tuple[dict[str, str], list[tuple[str, str, Counter[str]]], dict[str, set[str]]]:
    exact: dict[str, str] = {}
    for label, field in all_labels():
        exact.setdefault(normalise_label(label), field)
    grams = [(label, field, _bigrams(label) + Counter({f"·{char}": 1 for char in label}))
             for label, field in exact.items()]
    heads: dict[str, set[str]] = defaultdict(set)
    for label, field in exact.items():
        if len(label) >= 2 and re.fullmatch(r"[\u4e00-\u9fff（）]+", label):
            heads[field].add(label[-2:])
    return exact, grams, heads


def _dice(first: Counter[str], second: Counter[str]) -> float:
    common = sum((first & second).values())
    return 2 * common / (sum(first.values()) + sum(second.values()))


@lru_cache(maxsize=8192)     # the same cells and lines are asked about many times per document
def match_label(text: str) -> LabelMatch:
    """The field a label names, how sure, and whether it is a known wording."""
    key = normalise_label(text)
    exact, grams, heads = _known()
    if key in exact:
        return LabelMatch(exact[key], 1.0, True)
    # A known label with its filling note: 申请内容（请写明所需信息的名称、文号…）.
    head = re.sub(r"（[^（）]{2,40}）$", "", key)
    if head != key and head in exact:
        return LabelMatch(exact[head], 1.0, True)
    # Two fields in one cell (通讯地址及邮编): the first names the value; the rest runs on after it.
    first, joined, second = key.partition("及")
    if joined and first in exact and second in exact:
        return LabelMatch(exact[first], 1.0, True)
    if not 2 <= len(key) <= MAX_LABEL_CHARS or _VALUE_MARKS.search(key) or not re.search(r"[\u4e00-\u9fff]", key):
        return LabelMatch(None, 0.0, False)
    # Bigrams carry the wording, single characters break its ties (申請人姓名 is nearer 申请人姓名
    # than 联系人姓名 by the characters 申 and 人 they share).
    mine = _bigrams(key) + Counter({f"·{char}": 1 for char in key})
    best: dict[str, float] = {}
    for _label, field, theirs in grams:
        best[field] = max(best.get(field, 0.0), _dice(mine, theirs))
    scored = {field: (1 - HEAD_WEIGHT) * share + HEAD_WEIGHT * (key[-2:] in heads.get(field, ()))
              for field, share in best.items() if share >= MIN_SHARE}
    if not scored:
        return LabelMatch(None, 0.0, False)
    field, score = max(scored.items(), key=lambda item: item[1])
    if field == "contact_person" and key.endswith(("姓名", "名字")) and not _CONTACT_ROLE.search(key):
        field = "person_name"    # 来访人姓名, 当事人姓名: the writer's own name; a contact is named so (联系人, 经办人)
    return LabelMatch(field if score >= MATCH_SCORE else None, round(score, 3), False)


_CONTACT_ROLE = re.compile(r"联系|联络|经办|代理|收件|律师|受托|委托")
