"""The letters that the office's acts call for, drafted through `intake.letters`: a reply for each
decision, the extension notice (Art. 33), the correction notice (Art. 30), the Art. 39 notice for
a letter written as an application that is routed elsewhere, and the channels letter for an
e-mailed application when the office does not take applications by e-mail. Every letter is a row
of the register and a `letter_drafted` event; its sending is a `letter_sent` event."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from intake.kernel import Channel, Record, Route, Status
from intake.letters.draft import LetterError, LetterRequest, draft_letter
from intake.letters.fill import zh_date
from intake.letters.kinds import LetterKind
from intake.office.vocabulary import REPLY_DECISIONS, REPLY_OUTCOMES, ReplyDecision
from intake.pipeline.services import Services
from intake.register.letters import SENT_WAYS, LetterBook, LetterRow

__all__ = ["ART_39_ROUTES", "LetterActionError", "decision_of", "draft_after_intake", "draft_correction",
           "draft_explain", "draft_extension", "draft_not_application", "draft_reply", "letter_sent", "letters_of",
           "written_as_application"]

# Art. 39 ¶1: 信访、投诉、举报等 written as an application; mail of no kind (`other`) gets no letter.
ART_39_ROUTES = (Route.PETITION, Route.COMPLAINT, Route.REPORT, Route.CONSULTATION)
# The form's detail fields the office may fill in on the reply form, by name in the templates.
DETAIL_FIELDS = ("reason", "how_to_get", "responsible_agency", "responsible_contact", "earlier_reply")


class LetterActionError(ValueError):
    """A letter could not be drafted or recorded; the message is for the office (Chinese)."""


def decision_of(code: str) -> ReplyDecision:
    """A decision by its code; an annual-report row code (older callers) names its first decision."""
    if code in REPLY_DECISIONS:
        return REPLY_DECISIONS[code]
    if code in REPLY_OUTCOMES:
        return next(decision for decision in REPLY_DECISIONS.values() if decision.outcome == code)
    raise LetterActionError(f"未知答复结果 {code!r}")


def _draft(services: Services, document_id: int, record: Record, request: LetterRequest, *, actor: str,
           on: dt.date | None) -> LetterRow:
    try:
        return draft_letter(services.config, services.register, document_id, record, request, actor=actor, on=on)
    except LetterError as exc:
        raise LetterActionError(str(exc)) from exc


def draft_reply(services: Services, document_id: int, record: Record, decision: ReplyDecision, *, actor: str,
                on: dt.date, details: Mapping[str, str] | None = None) -> LetterRow:
    kept = {name: value for name, value in (details or {}).items() if name in DETAIL_FIELDS and value.strip()}
    if decision.letter == LetterKind.REPEAT and "earlier_reply" not in kept:
        kept["earlier_reply"] = _earlier_reply(services, record)
    request = LetterRequest(kind=LetterKind(decision.letter), decision_code=decision.code, decision=decision.wording,
                            article=decision.article, ground=decision.ground, details=kept)
    return _draft(services, document_id, record, request, actor=actor, on=on)


def _earlier_reply(services: Services, record: Record) -> str:
    """Art. 36 (六): the reply already given to the same request, named by its date and number."""
    earlier = services.register.by_sha256(record.duplicate_of) if record.duplicate_of else None
    if earlier is None:
        return "本机关已就您此前提出的相同政府信息公开申请作出答复"
    sent = [letter for letter in LetterBook(services.register).of_document(earlier.id) if letter.decision]
    if sent:
        return f"本机关已于{zh_date(sent[-1].dated)}就您提出的相同政府信息公开申请作出答复（{sent[-1].reference}）"
    return f"本机关已就您于{zh_date(earlier.record.received_on) if earlier.record else ''}提出的相同政府信息公开申请作出答复"


def draft_extension(services: Services, document_id: int, record: Record, *, reason: str, original_due: dt.date | None,
                    actor: str, on: dt.date) -> LetterRow:
    details = {"reason": reason, "original_reply_due_zh": zh_date(original_due) if original_due else ""}
    return _draft(services, document_id, record, LetterRequest(kind=LetterKind.EXTENSION, details=details),
                  actor=actor, on=on)


def draft_explain(services: Services, document_id: int, record: Record, *, details: Mapping[str, str],
                  actor: str, on: dt.date | None) -> LetterRow:
    """Art. 35: the applicant is asked to give the reasons for an application of unusual number."""
    return _draft(services, document_id, record, LetterRequest(kind=LetterKind.EXPLAIN, details=details),
                  actor=actor, on=on)


def draft_correction(services: Services, document_id: int, record: Record, *, actor: str,
                     on: dt.date | None = None) -> LetterRow:
    return _draft(services, document_id, record, LetterRequest(kind=LetterKind.CORRECTION), actor=actor, on=on)


def written_as_application(before: Record | None, after: Record) -> bool:
    """Art. 39 ¶1 applies to a letter written in the form of an application that is not one."""
    if after.status != Status.ROUTED or after.route not in ART_39_ROUTES:
        return False
    return after.marked or (before is not None and before.route == Route.APPLICATION)


def draft_not_application(services: Services, document_id: int, record: Record, *, actor: str,
                          on: dt.date | None = None) -> LetterRow:
    return _draft(services, document_id, record, LetterRequest(kind=LetterKind.NOT_APPLICATION), actor=actor, on=on)


def draft_after_intake(services: Services, document_id: int, record: Record) -> list[LetterRow]:
    """What the pipeline drafts when it commits a record: the correction notice, the Art. 39 notice,
    the channels letter for an e-mailed application (when the office refers them)."""
    drafted_kinds = {str(event.detail.get("kind")) for event in services.register.events(document_id, "letter_drafted")}
    if services.register.events(document_id, "notice_drafted"):     # drafted by an earlier release
        drafted_kinds.add(LetterKind.CORRECTION.value)
    wanted: list[LetterKind] = []
    if record.status == Status.NEEDS_CORRECTION:
        wanted.append(LetterKind.CORRECTION)
    if written_as_application(None, record):
        wanted.append(LetterKind.NOT_APPLICATION)
    if (services.config.letters.refers_email and record.channel == Channel.EMAIL
            and record.route == Route.APPLICATION):
        wanted.append(LetterKind.EMAIL_CHANNEL)
    return [_draft(services, document_id, record, LetterRequest(kind=kind), actor="intake", on=None)
            for kind in wanted if kind.value not in drafted_kinds]


def letters_of(services: Services, document_id: int) -> list[LetterRow]:
    return LetterBook(services.register).of_document(document_id)


def letter_sent(services: Services, document_id: int, letter_id: int, on: dt.date, way: str, *, actor: str) -> LetterRow:
    """The day and way a letter went out. A correction notice's sending is also the `notice_sent`
    the correction deadline waits for."""
    book = LetterBook(services.register)
    letter = book.get(letter_id)
    if letter is None or letter.document_id != document_id:
        raise LetterActionError(f"#{document_id} 没有编号为 {letter_id} 的文书")
    if way not in SENT_WAYS:
        raise LetterActionError(f"未知送达方式 {way!r}；可选：{'、'.join(SENT_WAYS.values())}")
    if on < letter.dated:
        raise LetterActionError(f"送达日期 {on} 早于文书日期 {letter.dated}")
    extra = ("notice_sent", {"on": on.isoformat(), "letter_id": letter_id}) \
        if letter.kind == LetterKind.CORRECTION and not services.register.events(document_id, "notice_sent") else None
    book.mark_sent(letter_id, on=on, way=way, actor=actor, extra_event=extra)
    updated = book.get(letter_id)
    assert updated is not None
    return updated
