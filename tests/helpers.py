"""What the tests share: pages rendered with a CJK font, tiny PDFs built by hand, the CLI's JSON Lines,
the contract's schema, the register's stored record. The fixtures that use them are in conftest.py."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import click
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from PIL import Image, ImageDraw, ImageFont

from intake.config import SmtpSettings
from intake.deadlines.periods import compute_deadlines
from intake.deadlines.workdays import WorkdayCalendar
from intake.kernel.model import Applicant, Channel, Missing, Record, Request, Route, Status
from intake.register.store import Register

SCHEMA = json.loads((Path(__file__).parent / "data" / "record.schema.json").read_text(encoding="utf-8"))


def find_cjk_font() -> str | None:
    try:
        listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in listing.splitlines() if line.strip())
    preferred = [f for f in files if "Regular" in f or "microhei" in f]
    return (preferred or files or [None])[0]


CJK_FONT = find_cjk_font()
needs_cjk_font = pytest.mark.skipif(CJK_FONT is None, reason="no CJK font installed (fonts-noto-cjk)")


def render_page(lines: list[str], *, width: int = 1240, height: int = 1754, size: int = 30,
                margin: int = 110, spacing: float = 1.9) -> Image.Image:
    """An A4 page at 150 dpi with the given lines, black on white."""
    assert CJK_FONT is not None
    font = ImageFont.truetype(CJK_FONT, size)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    y = margin
    for line in lines:
        draw.text((margin, y), line, font=font, fill="black")
        y += int(size * spacing)
    return page


APPLICATION_LINES = [
    "政府信息公开申请书",
    "某市市场监督管理局：",
    "申请人：赵一鸣，居民身份证号码：110101199003070011，",
    "联系电话：13912345678，住址：北京市东城区景山街道1号。",
    "现向你局申请公开以下政府信息：",
    "2024年度本市电梯监督抽查结果通报。",
    "希望以纸质形式邮寄给我。",
    "申请人：赵一鸣",
]


def parse_jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def validate_record(record: dict) -> None:
    import jsonschema
    jsonschema.validate(record, SCHEMA)


def stored_record(database: Path, document_id: int) -> dict[str, object]:
    """The record the register holds for a document, read from its SQLite file."""
    from intake.register.store import Register

    register = Register(database)
    try:
        row = register.get(document_id)
        assert row is not None and row.record is not None
        return row.record.to_json()
    finally:
        register.close()


def minimal_pdf(*, pages: int = 1, text: str = "", encrypt: bool = False) -> bytes:
    """A valid PDF with `pages` pages sharing one ASCII text line (a text layer), optionally
    carrying a standard-security /Encrypt dictionary so readers ask for a password."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{3 + i} 0 R' for i in range(pages))}] /Count {pages} >>"]
    content_id, font_id = 3 + pages, 4 + pages
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
                f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>"] * pages
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj ET"
    objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    trailer_extra = ""
    if encrypt:
        objects.append(f"<< /Filter /Standard /V 1 /R 2 /O <{'00' * 32}> /U <{'11' * 32}> /P -4 >>")
        trailer_extra = (f" /Encrypt {len(objects)} 0 R /ID [<0123456789abcdef0123456789abcdef> "
                         "<0123456789abcdef0123456789abcdef>]")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def ascii_scan(lines: int = 30, size: tuple[int, int] = (1700, 2200)) -> bytes:
    """A PNG page of ASCII text (no CJK font needed): work enough for a reader to be seen reading."""
    import io
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for row in range(lines):
        draw.text((120, 120 + row * 60), f"Line {row}: request for the 2024 inspection results", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


# ---------------------------------------------------------------- a register with known contents
DAY = dt.date(2025, 3, 14)          # a Friday


def resident_id(first17: str) -> str:
    """A resident ID with a valid check digit (GB 11643), so the masker recognises it as one."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


ZHANG_ID = resident_id("37152219900101123")


ZHANG_PHONE = "13812345678"


LI_EMAIL = "lisi.private@example.com"


REVIEW_PHONE = "13987654321"


SECRETS = (ZHANG_ID, ZHANG_PHONE, LI_EMAIL, REVIEW_PHONE, "lisi.private")


def add_document(register: Register, calendar: WorkdayCalendar, *, received_on: dt.date, status: Status,
                 route: Route = Route.APPLICATION, applicant: Applicant | None = None,
                 arrived_at: dt.datetime | None = None, channel: Channel = Channel.LETTER, sha256: str | None = None,
                 missing: tuple[Missing, ...] = (), reasons: tuple[str, ...] = (), error: str | None = None,
                 name: str = "scan.png", provisional: bool = False, confidence: float = 0.9,
                 duplicate_of: str | None = None) -> int:
    """One register row as the pipeline would leave it, without OCR."""
    arrived_at = arrived_at or dt.datetime.combine(received_on, dt.time(9, 30))
    sha256 = sha256 or f"{register.db.execute('select count(*) from documents').fetchone()[0] + 1:064x}"
    document_id = register.claim(sha256=sha256, source=name, original_name=name, inbox_path=None,
                                 arrived_at=arrived_at)
    deadlines = compute_deadlines(received_on, status, [], calendar)
    record = Record(
        source=name, sha256=sha256, channel=channel, marked=route == Route.APPLICATION, route=route, status=status,
        applicant=applicant, request=Request(description="2024年度电梯抽查结果") if applicant else None,
        delivery=None, missing=missing, received_on=received_on, correction_due=deadlines.correction_due,
        reply_due=deadlines.reply_due, duplicate_of=duplicate_of, confidence=confidence, text="…", error=error,
        reasons=reasons, provisional_deadline=provisional)
    register.complete(document_id, record)
    return document_id


def person(name: str, **values: str) -> Applicant:
    return Applicant(kind="person", category="individual", name=name, id_type="resident_id" if "id_number" in values
                     else None, **values)


def cli_group(home: Path) -> click.Group:
    """The commands as the lead will register them, on a group that sets the AppContext."""
    from intake.cli.context import AppContext
    from intake.cli.reports import COMMANDS

    @click.group()
    @click.pass_context
    def group(ctx: click.Context) -> None:
        ctx.obj = AppContext(home, False, False)

    for command in COMMANDS:
        group.add_command(command)
    return group


# ---------------------------------------------------------------- an SMTP server on loopback
REFUSED = "nobody@example.gov.cn"     # the address the test server refuses
@dataclass
class Mailbox:
    """What the server received, and the rules it refuses by."""
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    senders: list[str] = field(default_factory=list)
    refuse_data: bool = False

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address == REFUSED:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_data:
            return "554 5.7.1 message refused by policy"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        self.senders.append(envelope.mail_from)
        return "250 OK"


class LoopbackController(Controller):
    """aiosmtpd's controller bound to 127.0.0.1 on an ephemeral port (port 0)."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Server:
    mailbox: Mailbox
    port: int
    certificate: Path | None = None

    def settings(self, **values: Any) -> SmtpSettings:
        return SmtpSettings(**{"host": "127.0.0.1", "port": self.port, "sender": "intake@example.gov.cn", **values})

    def client_context(self) -> ssl.SSLContext:
        assert self.certificate is not None
        return ssl.create_default_context(cafile=str(self.certificate))


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"office", b"s3cret")
    return AuthResult(success=ok, handled=False)


def _serve(mailbox: Mailbox, **options: Any) -> Iterator[LoopbackController]:
    controller = LoopbackController(mailbox, hostname="127.0.0.1", port=0, **options)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


# ---------------------------------------------------------------- a real watcher process
def intake_command(home: Path, *args: str) -> list[str]:
    import sys
    return [sys.executable, "-m", "intake", "--home", str(home), *args]


def write_settings(home: Path, **sections: dict[str, Any]) -> None:
    """HOME/intake.toml from {"watch": {"stable_seconds": 0.3}, …}."""
    lines: list[str] = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    (home / "intake.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class WatcherProcess:
    """`intake watch` in its own process, its stderr kept in a file (a pipe nobody reads can fill up)."""
    process: subprocess.Popen[bytes]
    stderr_path: Path

    @classmethod
    def start(cls, home: Path, *extra: str, stderr_folder: Path | None = None) -> WatcherProcess:
        folder = stderr_folder or home.parent
        stderr_path = folder / f"watch-stderr-{len(list(folder.glob('watch-stderr-*')))}.log"
        with stderr_path.open("wb") as stderr:
            process = subprocess.Popen(intake_command(home, "watch", *extra), stdout=subprocess.DEVNULL, stderr=stderr)
        return cls(process, stderr_path)

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        import signal
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> int:
        import signal
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


def document_rows(home: Path, columns: str = "original_name, state, status, error, archive_path") -> list[tuple[Any, ...]]:
    """The register's rows as another process sees them (empty while the file does not exist yet)."""
    import sqlite3
    database = home / "register.db"
    if not database.exists():
        return []
    try:
        with sqlite3.connect(database, timeout=10) as connection:
            return connection.execute(f"select {columns} from documents order by id").fetchall()
    except sqlite3.OperationalError:
        return []


def wait_for(condition: Any, timeout: float = 60.0) -> bool:
    import time
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
