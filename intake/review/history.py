"""The audit trail of one document, in words the office reads: who, when, what, before → after."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from intake.letters.kinds import KINDS
from intake.office.vocabulary import REPLY_DECISIONS, REPLY_OUTCOMES
from intake.register import Event
from intake.register.letters import SENT_WAYS
from intake.review import labels

# Keys that appear in events besides the record's fields (labels.FIELDS).
KEY_LABELS: dict[str, str] = {
    "route": "类型", "status": "状态", "missing": "缺项", "correction_due": "补正告知期限", "reply_due": "答复期限",
    "duplicate_of": "重复于", "on": "日期", "outcome": "处理结果", "reason": "理由", "files": "文件",
    "source": "来源", "archive_path": "归档位置", "notice_sent_on": "补正告知书发出日期",
    "correction_received_on": "收到补正日期", "from": "原位置", "by": "补正材料", "reference": "文号",
    "kind": "文书", "article": "依据", "decision": "答复决定", "redrafted": "重新起草", "way": "发出方式",
    "sent_on": "发出日期", "stage": "环节",
}
# Details that only link records together (shown elsewhere on the page), not said again.
HIDDEN_KEYS = frozenset({"letter_id", "title"})
ACTORS = {"intake": "系统", "office": "办公室", "holidays import": "系统（导入放假安排）"}
KIND_TITLES = {kind.value: info.title for kind, info in KINDS.items()}
_SHORT_MISSING = {"applicant_name": "姓名/名称", "applicant_id": "身份证明", "applicant_contact": "联系方式",
                  "request_description": "所需信息描述", "delivery_format": "形式与获取方式"}


@dataclass(frozen=True, slots=True)
class Change:
    what: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    at: str              # 2025-06-10 09:30:12, local time as recorded
    actor: str
    kind: str
    label: str
    changes: tuple[Change, ...]
    notes: tuple[tuple[str, str], ...]
    detail: dict[str, Any]


def _parsed(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def key_label(key: str) -> str:
    return labels.FIELDS.get(key) or KEY_LABELS.get(key) or key


def value_text(key: str, value: Any) -> str:
    if value is None or value == [] or value == "":
        return "（空）"
    name = key.rsplit(".", 1)[-1]
    if name == "route":
        return labels.label(labels.ROUTES, value)
    if name == "status":
        return labels.label(labels.STATUSES, value)
    if name == "decision":
        decision = REPLY_DECISIONS.get(str(value))
        return decision.wording if decision else "未知决定"
    if name == "kind" and str(value) in KIND_TITLES:
        return KIND_TITLES[str(value)]
    if name == "way":
        return SENT_WAYS.get(str(value), "其他方式")
    if name in ("files", "source", "archive_path", "from") :
        items = value if isinstance(value, list) else [value]
        return "、".join(PurePath(str(item)).name for item in items if item)
    if isinstance(value, bool):
        return "是" if value else "否"
    if name == "outcome":
        wording = REPLY_OUTCOMES.get(str(value), "未知结果")
        return f"{wording}（{value}）" if "." in str(value) else wording
    if name == "missing" and isinstance(value, list):
        return "、".join(_SHORT_MISSING.get(str(item), str(item)) for item in value)
    choices = labels.CHOICE_LABELS.get(key)
    if isinstance(value, list):
        return "、".join(choices.get(str(item), str(item)) if choices else str(item) for item in value)
    if choices:
        return choices.get(str(value), str(value))
    if isinstance(value, (dict, bool, int, float)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def entry(event: Event) -> HistoryEntry:
    detail = dict(event.detail)
    # Changes written through `Register.complete` carry before/after inside the detail as well.
    before = event.before if event.before is not None else detail.get("before")
    after = event.after if event.after is not None else detail.get("after")
    detail.pop("before", None)
    detail.pop("after", None)
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    changed = list(dict.fromkeys([*old, *new]))
    changes = [Change(key_label(key), value_text(key, old.get(key)), value_text(key, new.get(key))) for key in changed]
    # A detail that repeats a change (the reply's date and outcome) is said once, as the change.
    notes = tuple((key_label(key), value_text(key, value)) for key, value in detail.items()
                  if key not in changed and key not in HIDDEN_KEYS)
    at = event.at.replace("T", " ")[:19]
    return HistoryEntry(id=event.id, at=at, actor=ACTORS.get(event.actor, event.actor), kind=event.kind,
                        label=labels.label(labels.EVENTS, event.kind), changes=tuple(changes), notes=notes,
                        detail=detail)
