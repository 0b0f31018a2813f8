"""The letters the Regulations require, one kind per legal outcome, each with its template,
the series its number is drawn from, and whether it tells the applicant how to seek redress.

政府信息公开条例 (FACTS.md §1): Art. 30 补正; Art. 33 延期; Art. 35 说明理由 / 不予处理; Art. 36 (一)–(七)
and Art. 37 the replies; Art. 39 letters that are not applications, and publications. The e-mail
pointer answers an application sent to a mailbox that the office does not take applications at.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LetterKind(StrEnum):
    CORRECTION = "correction"            # Art. 30
    EXTENSION = "extension"              # Art. 33 ¶2
    EXPLAIN = "explain"                  # Art. 35: asked to give reasons
    NOT_HANDLED = "not_handled"          # Art. 35: reasons not reasonable → 不予处理
    PUBLISHED = "published"              # Art. 36 (一)
    DISCLOSED = "disclosed"              # Art. 36 (二)
    WITHHELD = "withheld"                # Art. 36 (三)
    NOT_EXIST = "not_exist"              # Art. 36 (四)
    NOT_OURS = "not_ours"                # Art. 36 (五)
    REPEAT = "repeat"                    # Art. 36 (六)
    REGISTRATION = "registration"        # Art. 36 (七)
    PARTIAL = "partial"                  # Art. 37
    REPLY = "reply"                      # the other outcomes of the annual report (Art. 30, 38, 42 …)
    NOT_APPLICATION = "not_application"  # Art. 39 ¶1
    PUBLICATION = "publication"          # Art. 39 ¶2
    EMAIL_CHANNEL = "email_channel"      # the mailbox does not take applications: the channels that do


@dataclass(frozen=True, slots=True)
class KindInfo:
    title: str            # the letter's title, as printed
    series: str           # default 代字 of its number (intake.toml [letters.series] overrides)
    article: str          # what it cites, for lists and the audit trail
    remedies: bool        # tells the applicant of 行政复议 / 行政诉讼
    needs: tuple[str, ...] = ()   # placeholders the template must use besides the common ones


KINDS: dict[LetterKind, KindInfo] = {
    LetterKind.CORRECTION: KindInfo("政府信息公开申请补正告知书", "依补", "第三十条", False,
                                    ("missing_items", "correction_period", "return_ways")),
    LetterKind.EXTENSION: KindInfo("政府信息公开申请延期答复告知书", "依延", "第三十三条第二款", False,
                                   ("reason", "reply_due_zh", "original_reply_due_zh")),
    LetterKind.EXPLAIN: KindInfo("政府信息公开申请说明理由告知书", "依告", "第三十五条", False,
                                 ("reason", "answer_period")),
    LetterKind.NOT_HANDLED: KindInfo("政府信息公开申请不予处理告知书", "依复", "第三十五条", True, ("reason",)),
    LetterKind.PUBLISHED: KindInfo("政府信息公开申请答复书", "依复", "第三十六条第一项", True, ("how_to_get",)),
    LetterKind.DISCLOSED: KindInfo("政府信息公开申请答复书", "依复", "第三十六条第二项", True, ("how_to_get",)),
    LetterKind.WITHHELD: KindInfo("政府信息不予公开告知书", "依复", "第三十六条第三项", True, ("reason",)),
    LetterKind.NOT_EXIST: KindInfo("政府信息不存在告知书", "依复", "第三十六条第四项", True, ()),
    LetterKind.NOT_OURS: KindInfo("非本机关政府信息告知书", "依复", "第三十六条第五项", True,
                                  ("reason", "responsible_agency", "responsible_contact")),
    LetterKind.REPEAT: KindInfo("重复申请政府信息公开告知书", "依复", "第三十六条第六项", True, ("earlier_reply",)),
    LetterKind.REGISTRATION: KindInfo("政府信息公开申请答复书", "依复", "第三十六条第七项", True, ("how_to_get",)),
    LetterKind.PARTIAL: KindInfo("政府信息部分公开告知书", "依复", "第三十七条", True, ("how_to_get", "reason")),
    LetterKind.REPLY: KindInfo("政府信息公开申请答复书", "依复", "", True, ("reason",)),
    LetterKind.NOT_APPLICATION: KindInfo("不作为政府信息公开申请处理告知书", "依告", "第三十九条第一款", True,
                                         ("channel",)),
    LetterKind.PUBLICATION: KindInfo("政府信息公开申请告知书", "依复", "第三十九条第二款", True, ("how_to_get",)),
    LetterKind.EMAIL_CHANNEL: KindInfo("政府信息公开申请渠道告知书", "依告", "第二十八条", False, ("channels",)),
}
