"""The office reads Chinese: every page of the review site, for documents of every status and
route, with the pipeline's English reasons, coded errors, letters and the whole audit trail, shows
no English word outside codes, identity numbers, e-mail addresses and file names."""
from __future__ import annotations

import datetime as dt
import html as html_module
import re
from pathlib import Path

import pytest

from intake.deadlines.workdays import WorkdayCalendar
from intake.home import prepare_home
from intake.kernel import Applicant, Channel, Missing, Route, Status
from intake.office.actions import change_route, extend, record_notice_sent, record_reply
from intake.pipeline.services import Services
from intake.register.store import Register
from intake.review import create_app
from intake.review.auth import add_user
from intake.review.samples import add_document, build_demo_home, make_record

TODAY = dt.date(2025, 6, 10)
PASSWORD = "correct horse battery"
# What the classifiers and readers write (English, for the developers): each must reach the page in Chinese.
REASONS = ("model: application 0.17", "application 0.62; complaint 0.20; other 0.10", "«要求赔偿损失» → complaint +0.31",
           "no clear cue for any route → other", "complaint: /投诉/ ×2", "report: title '举报信'",
           "Art. 39: demands action ('要求查处') → report", "rules said report, model said petition",
           "route complaint: not an application", "confidence 0.41 below 0.6", "page poorly read (OCR 0.52)",
           "Art. 29(一): no proof of identity", "Art. 29(二): description too vague to search for: '所有文件'",
           "repeats the earlier application #1 (abcdef123456)", "the mail has no Date header",
           "attachment 'scan.jpg' unreadable: cannot identify image file", "something no pattern knows")
ALLOWED = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                    # e-mail addresses
    r"|[\w./-]*\w\.(?:png|pdf|eml|tif|tiff|docx|txt|jpg|json)\b"   # file names
    r"|\b[0-9a-f]{12,64}\b"                           # sha256 (prefixes)
    r"|\bGB(?:/T)? \d+"                               # a national standard's code
    r"|\bE\d{3}\b|SHA-256|\b[0-9A-Z]{15,18}\b"         # error codes, the digest's name, ID numbers and USCCs
    r"|\bintake(?: [a-z]+)+"                          # a command the office types
    r"|\bclerk\b")                                     # the signed-in user's name


def _visible_text(page: str) -> str:
    body = page.split("<body", 1)[1].split(">", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html_module.unescape(re.sub(r"<[^>]+>", " ", body))


def _english_words(page: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", ALLOWED.sub(" ", _visible_text(page)))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("language")
    config = prepare_home(root / "home")
    calendar = WorkdayCalendar.load(config.home)
    register = Register(config.database)
    ids = build_demo_home(config, register, calendar, TODAY, root / "originals")
    day = dt.date(2025, 6, 2)
    person = Applicant(kind="person", category="individual", name="钱七", id_type="resident_id",
                       id_number="371502198505050012", phone="12345")
    for route in Route:
        for status in Status:
            allowed = (Status.ROUTED,) if route != Route.APPLICATION else tuple(set(Status) - {Status.ROUTED})
            if status not in allowed + (Status.NEEDS_REVIEW, Status.FAILED):
                continue
            record = make_record(key=f"{route}-{status}.png", route=route, status=status, received_on=day,
                                 calendar=calendar, applicant=person, channel=Channel.EMAIL,
                                 missing=(Missing.APPLICANT_ID,) if status == Status.NEEDS_CORRECTION else (),
                                 error="[E003] the file is damaged or truncated: bad zlib header"
                                 if status == Status.FAILED else None, marked=True)
            from dataclasses import replace
            ids[f"{route}-{status}.png"] = add_document(register, config, replace(record, reasons=REASONS))
    services = Services(config=config, register=register, calendar=calendar, engine_factory=lambda: None)
    accepted = ids["application-accepted.png"]
    record_reply(services, accepted, "2025-06-09", "36.3.4", actor="clerk", today=TODAY)
    extend(services, ids["accepted-zhang.png"], "需征求第三方意见", actor="clerk", on=TODAY)
    record_notice_sent(services, ids["correction-li.png"], "2025-06-09", actor="clerk", today=TODAY)
    change_route(services, ids["review-zhao.png"], "petition", actor="clerk")
    add_user(register.db, "clerk", PASSWORD)        # (its `with` closes the connection)
    app = create_app(config, calendar=calendar, today=lambda: TODAY)
    client = app.test_client()
    login = client.get("/login")
    assert not _english_words(login.text), _english_words(login.text)
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
    client.post("/login", data={"name": "clerk", "password": PASSWORD, "csrf_token": token})
    return client, ids


def test_every_queue_page_is_in_chinese(site) -> None:
    client, _ids = site
    for name in ("needs_review", "needs_correction", "due", "routed", "failed", "all"):
        for query in ("", "?due=any", "?q=钱七", "?page=2"):
            page = client.get(f"/queue/{name}{query}")
            assert page.status_code == 200
            assert not _english_words(page.text), (name, query, _english_words(page.text))


def test_every_item_page_is_in_chinese(site) -> None:
    client, ids = site
    assert len(ids) == 8 + 5 + 5 * 3
    for key, document_id in ids.items():
        page = client.get(f"/item/{document_id}")
        assert page.status_code == 200, key
        assert not _english_words(page.text), (key, _english_words(page.text))
    item = client.get(f"/item/{ids['application-failed.png']}").text
    assert "[E003] 文件已损坏或不完整" in item and "zlib" not in item
    email = client.get(f"/item/{ids['overdue-wang.eml']}").text
    assert "wangfang@example.com" in email and 'id="email-date"' in email


def test_error_pages_are_in_chinese(site) -> None:
    client, _ids = site
    for url in ("/queue/nonexistent", "/item/999999", "/item/1/page/99"):
        page = client.get(url)
        assert page.status_code == 404 and not _english_words(page.text), (url, _english_words(page.text))


def test_the_reasons_reach_the_page_in_the_offices_words(site) -> None:
    client, ids = site
    text = _visible_text(client.get(f"/item/{ids['complaint-routed.png']}").text)
    for said in ("模型判断：政府信息公开申请（0.17）", "没有明确的类型特征，判为其他", "标题“举报信”指向举报",
                 "类型为投诉，不是政府信息公开申请", "可信度 0.41 低于 0.6", "第二十九条第一项：没有身份证明",
                 "与 #1 号申请重复", "邮件没有发送日期", "附件“scan.jpg”无法读取", "其他识别说明"):
        assert said in text, said
    history = _visible_text(client.get(f"/item/{ids['application-accepted.png']}").text)
    assert "起草文书" in history and "政府信息不予公开告知书" in history and "系统" in history
