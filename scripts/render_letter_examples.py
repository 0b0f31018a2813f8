"""Render one example of every letter kind into docs/letters/ as PNG, from the .docx the service drafts.

Only for the documentation: needs LibreOffice (Debian's libreoffice-writer) and pdftoppm
(poppler-utils), which the service and its tests never use. Run from the repository:

    .venv/bin/python scripts/render_letter_examples.py
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from intake.config import Config
from intake.kernel import Applicant, Channel, Delivery, Medium, Method, Missing, Record, Request, Route, Status
from intake.letters import KINDS, LetterKind, LetterRequest, draft_letter
from intake.office.vocabulary import REPLY_DECISIONS
from intake.register import Register

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "letters"
DATED = dt.date(2026, 3, 20)


def example(kind: LetterKind) -> tuple[Record, LetterRequest]:
    record = Record(
        source="example.png", sha256="0" * 64, channel=Channel.EMAIL if kind is LetterKind.EMAIL_CHANNEL else Channel.LETTER,
        marked=True, route=Route.APPLICATION, status=Status.ACCEPTED,
        applicant=Applicant(kind="person", category="individual", name="李三", id_type="resident_id",
                            id_number="360426199101010071", address="聊城市东昌府区柳园路88号", postcode="252000"),
        request=Request(description="2025年度本市餐饮服务单位食品安全量化分级评定结果"),
        delivery=Delivery(media=(Medium.PAPER,), methods=(Method.POST,)), missing=(), received_on=dt.date(2026, 3, 2),
        correction_due=None, reply_due=dt.date(2026, 3, 30), duplicate_of=None, confidence=0.9, text="", error=None)
    decision = next((d for d in REPLY_DECISIONS.values() if d.letter == kind.value), None)
    request = LetterRequest(kind, decision_code=decision.code if decision else None,
                            decision=decision.wording if decision else "", article=decision.article if decision else "",
                            ground=decision.ground if decision else "")
    if kind is LetterKind.CORRECTION:
        from dataclasses import replace
        record = replace(record, status=Status.NEEDS_CORRECTION, missing=(Missing.APPLICANT_ID, Missing.DELIVERY_FORMAT),
                         delivery=None, reply_due=None, correction_due=dt.date(2026, 3, 11))
    elif kind is LetterKind.NOT_APPLICATION:
        from dataclasses import replace
        record = replace(record, route=Route.COMPLAINT, status=Status.ROUTED, request=None, reply_due=None,
                         text="投诉书\n本人在某超市购买的牛奶已过保质期，要求商家退一赔十，请贵局责令其赔偿。")
    elif kind is LetterKind.EXTENSION:
        request = LetterRequest(kind, details={"reason": "所申请的信息涉及第三方，需书面征求第三方意见",
                                               "original_reply_due_zh": "2026年3月30日"})
    elif kind is LetterKind.EXPLAIN:
        request = LetterRequest(kind, details={"reason": "您自2026年1月以来向本机关提出政府信息公开申请23件"})
    elif kind is LetterKind.NOT_OURS:
        request = LetterRequest(kind, decision_code="36.5", article="第三十六条第五项", ground=request.ground,
                                details={"responsible_agency": "聊城市东昌府区市场监督管理局",
                                         "responsible_contact": "0635-8XXXXXX（示例）"})
    elif kind is LetterKind.PARTIAL:
        request = LetterRequest(kind, decision_code="37", article="第三十七条",
                                details={"reason": "抽检结果中涉及的企业检验报告原件含有商业秘密（第十五条），已作删除处理",
                                         "how_to_get": "现将删除相关内容后的评定结果以纸质文本邮寄给您"})
    elif kind is LetterKind.WITHHELD:
        decision = REPLY_DECISIONS["36.3.4"]
        request = LetterRequest(kind, decision_code=decision.code, article=decision.article, ground=decision.ground)
    return record, request


def side_by_side(pages: list[Path], target: Path) -> None:
    """The letter's pages next to each other on a grey ground, as one picture."""
    from PIL import Image
    images = [Image.open(page).convert("RGB") for page in pages]
    gap = 16
    width = sum(image.width for image in images) + gap * (len(images) + 1)
    height = max(image.height for image in images) + 2 * gap
    sheet = Image.new("RGB", (width, height), (200, 200, 200))
    x = gap
    for image in images:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    sheet.save(target, optimize=True)


def main() -> int:
    soffice, pdftoppm = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        print("needs libreoffice-writer and poppler-utils (apt-get install libreoffice-writer poppler-utils)",
              file=sys.stderr)
        return 2
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        home.mkdir()
        config = Config(home=home)
        register = Register(config.database)
        for number, kind in enumerate(LetterKind, 1):
            record, request = example(kind)
            letter = draft_letter(config, register, number, record, request, actor="示例", on=DATED)
            docx = next(Path(name) for name in letter.files if name.endswith(".docx"))
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", scratch, str(docx)],
                           check=True, capture_output=True, timeout=180)
            pdf = Path(scratch) / (docx.stem + ".pdf")
            pages = Path(scratch) / kind.value
            subprocess.run([pdftoppm, "-r", "60", "-png", str(pdf), str(pages)], check=True, timeout=60)
            target = TARGET / f"{kind.value}.png"
            side_by_side(sorted(Path(scratch).glob(f"{kind.value}-*.png")), target)
            print(f"{target}  {KINDS[kind].title}  {letter.reference}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
