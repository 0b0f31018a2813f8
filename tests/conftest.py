"""Fixtures: a fresh HOME, a rendered application page, one OCR engine for the session (the
functions they use, and that tests import, are in helpers.py)."""
from __future__ import annotations

import datetime as dt
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.config import Config
from intake.deadlines.workdays import WorkdayCalendar
from intake.kernel.model import Channel, Missing, Route, Status
from intake.pipeline.services import Services
from intake.register.store import Register
from tests.helpers import (
    APPLICATION_LINES,
    CJK_FONT,
    DAY,
    LI_EMAIL,
    REVIEW_PHONE,
    ZHANG_ID,
    ZHANG_PHONE,
    Mailbox,
    Server,
    _authenticate,
    _serve,
    add_document,
    person,
    render_page,
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def application_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if CJK_FONT is None:
        pytest.skip("no CJK font installed")
    path = tmp_path_factory.mktemp("pages") / "application.png"
    render_page(APPLICATION_LINES).save(path)
    return path


@pytest.fixture(scope="session")
def engine():
    """One OCR engine for the whole run: the model is loaded once, as in the service."""
    if CJK_FONT is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk): cannot render test pages")
    from intake.ocr.engines import create_engine
    yield create_engine("rapidocr", threads=2)


@pytest.fixture
def services(tmp_path: Path) -> Services:
    home = tmp_path / "home"
    home.mkdir()
    config = Config(home=home)
    return Services(config=config, register=Register(config.database), calendar=WorkdayCalendar.load(home),
                    engine_factory=lambda: None)


@pytest.fixture
def known(services: Services) -> dict[str, int]:
    """The register the digest tests read; ids by role."""
    register, calendar = services.register, services.calendar
    zhang_with_id = person("张三", id_number=ZHANG_ID, phone=ZHANG_PHONE)
    today = dt.datetime.combine(DAY, dt.time(10, 0))
    ids = {
        "overdue": add_document(register, calendar, received_on=dt.date(2025, 2, 10), status=Status.ACCEPTED,
                                applicant=zhang_with_id),
        "due_soon": add_document(register, calendar, received_on=dt.date(2025, 2, 20), status=Status.ACCEPTED,
                                 applicant=person("张三", id_number=ZHANG_ID)),
        # Same name and phone, no ID: the same applicant, a third application in 90 days.
        "correction_today": add_document(register, calendar, received_on=DAY, status=Status.NEEDS_CORRECTION,
                                         applicant=person("张三", phone=ZHANG_PHONE), arrived_at=today,
                                         missing=(Missing.APPLICANT_ID,)),
        "replied": add_document(register, calendar, received_on=dt.date(2025, 2, 12), status=Status.ACCEPTED,
                                applicant=person("李四", email=LI_EMAIL)),
        "awaiting": add_document(register, calendar, received_on=dt.date(2025, 3, 3), status=Status.NEEDS_CORRECTION,
                                 applicant=person("王五", email=LI_EMAIL),
                                 missing=(Missing.REQUEST_DESCRIPTION, Missing.DELIVERY_FORMAT)),
        "petition": add_document(register, calendar, received_on=DAY, status=Status.ROUTED, route=Route.PETITION,
                                 arrived_at=today, channel=Channel.EMAIL),
        "review": add_document(register, calendar, received_on=DAY, status=Status.NEEDS_REVIEW, arrived_at=today,
                               channel=Channel.FAX, confidence=0.41,
                               reasons=(f"two phones on the form: {REVIEW_PHONE} and another",)),
        "failed": add_document(register, calendar, received_on=DAY, status=Status.FAILED, route=Route.OTHER,
                               arrived_at=today, name=f"{ZHANG_PHONE}_scan.pdf",
                               error=f"[E004] encrypted PDF sent by {LI_EMAIL}"),
        "provisional": add_document(register, calendar, received_on=dt.date(2025, 3, 13), status=Status.ACCEPTED,
                                    applicant=person("赵六"), provisional=True),
    }
    register.add_event(ids["replied"], "replied", detail={"on": "2025-03-10", "outcome": "予以公开"})
    register.add_event(ids["awaiting"], "notice_sent", detail={"on": "2025-03-05"})
    return ids


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate for the TLS tests")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True, timeout=60)
    return folder / "cert.pem", folder / "key.pem"


@pytest.fixture
def plain_server() -> Iterator[Server]:
    mailbox = Mailbox()
    for controller in _serve(mailbox):
        yield Server(mailbox, controller.port)


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    mailbox = Mailbox()
    for controller in _serve(mailbox, tls_context=context, require_starttls=True, auth_required=True,
                             authenticator=_authenticate):
        yield Server(mailbox, controller.port, certificate[0])


@pytest.fixture
def ssl_server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    mailbox = Mailbox()
    for controller in _serve(mailbox, ssl_context=context):
        yield Server(mailbox, controller.port, certificate[0])
