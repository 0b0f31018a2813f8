"""The review page through Flask's test client: sign-in, refusal, CSRF, XSS, paths, rate limit."""
from __future__ import annotations

import datetime as dt
import io
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from intake.config import Config
from intake.deadlines.workdays import WorkdayCalendar
from intake.home import prepare_home
from intake.kernel.model import Applicant, Request, Route, Status
from intake.register.store import Register
from intake.review import create_app
from intake.review.app import PUBLIC_ENDPOINTS
from intake.review.auth import SECRET_FILE_NAME, LoginThrottle, add_user
from intake.review.samples import add_document, build_demo_home, fill_register, make_record, render_scan
from intake.review.scans import list_pages, render_png
from tests.helpers import stored_record

TODAY = dt.date(2025, 6, 10)
PASSWORD = "correct horse battery"
PERSONAL = ("张伟", "李娜", "371502198803150012", "13906351234")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Demo:
    app: Flask
    config: Config
    ids: dict[str, int]
    clock: Clock
    calendar: WorkdayCalendar
    tmp: Path


@pytest.fixture()
def demo(tmp_path: Path) -> Iterator[Demo]:
    config = prepare_home(tmp_path / "home")
    calendar = WorkdayCalendar.load(config.home)
    register = Register(config.database)
    ids = build_demo_home(config, register, calendar, TODAY, tmp_path / "originals")
    add_user(register.db, "clerk", PASSWORD)
    register.close()
    clock = Clock()
    app = create_app(config, calendar=calendar, today=lambda: TODAY, throttle=LoginThrottle(clock=clock))
    yield Demo(app, config, ids, clock, calendar, tmp_path)


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "every form carries a CSRF token"
    return found.group(1)


def _sign_in(client: FlaskClient, name: str = "clerk", password: str = PASSWORD,
             remote: str = "127.0.0.1") -> Any:
    token = _token(client.get("/login", environ_base={"REMOTE_ADDR": remote}).text)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": remote})


@pytest.fixture()
def client(demo: Demo) -> FlaskClient:
    client = demo.app.test_client()
    assert _sign_in(client).status_code == 303
    return client


def _record(demo: Demo, document_id: int) -> dict[str, Any]:
    return stored_record(demo.config.database, document_id)


def _url_for_rule(rule: Any, document_id: int) -> list[str]:
    """Every concrete URL a rule stands for, with real ids (so a refusal is not just a 404)."""
    values: dict[str, list[str]] = {"document_id": [str(document_id)], "number": ["1"], "name": ["due"],
                                    "kind": ["txt", "docx"], "letter_id": ["1"]}
    urls = [rule.rule]
    for argument in rule.arguments:
        choices = values.get(argument)
        if argument == "action":
            choices = list(rule._converters["action"].items)
        assert choices, f"no test value for <{argument}> in {rule.rule}"
        urls = [re.sub(rf"<[^>]*\b{argument}>", choice, url) for url in urls for choice in choices]
    return urls


# ---------------------------------------------------------------- refusal without sign-in
def test_every_route_refuses_without_sign_in(demo: Demo) -> None:
    client = demo.app.test_client()
    document_id = demo.ids["accepted-zhang.png"]
    checked = 0
    for rule in demo.app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        for url in _url_for_rule(rule, document_id):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                response = client.open(url, method=method, data={"applicant.name": "篡改"})
                assert response.status_code in (302, 401), (method, url, response.status_code)
                if response.status_code == 302:
                    assert response.headers["Location"].startswith("/login"), url
                assert not any(value in response.get_data(as_text=True) for value in PERSONAL), url
                checked += 1
    assert checked >= 12
    assert _record(demo, document_id)["applicant"]["name"] == "张伟"


def test_only_the_sign_in_form_and_its_static_files_are_public(demo: Demo) -> None:
    assert PUBLIC_ENDPOINTS == {"auth.login", "static"}
    client = demo.app.test_client()
    assert client.get("/static/review.css").status_code == 200
    assert client.get("/nowhere").status_code == 302       # unknown paths do not even say 404


def test_images_answer_401_and_pages_redirect(demo: Demo) -> None:
    client = demo.app.test_client()
    document_id = demo.ids["accepted-zhang.png"]
    assert client.get(f"/item/{document_id}/page/1").status_code == 401
    response = client.get(f"/item/{document_id}")
    assert response.status_code == 302 and response.headers["Location"] == f"/login?next=/item/{document_id}"


# ---------------------------------------------------------------- sessions and cookies
def test_signed_in_pages_work_and_cookie_is_httponly_lax(demo: Demo) -> None:
    client = demo.app.test_client()
    response = _sign_in(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    for url in ["/queue/needs_review", "/queue/due", "/queue/all", f"/item/{demo.ids['accepted-zhang.png']}"]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["Cache-Control"] == "no-store"
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert page.headers["X-Frame-Options"] == "DENY"


def test_secret_key_is_kept_private_and_reused(demo: Demo) -> None:
    path = demo.config.home / SECRET_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = path.read_text()
    create_app(demo.config, calendar=demo.calendar)
    assert path.read_text() == key


def test_sign_out_ends_the_session_even_for_a_copied_cookie(demo: Demo, client: FlaskClient) -> None:
    cookie = client.get_cookie("intake_review")
    assert cookie is not None
    stolen = cookie.value
    page = client.get("/queue/due")
    response = client.post("/logout", data={"csrf_token": _token(page.text)})
    assert response.status_code == 303
    thief = demo.app.test_client()
    thief.set_cookie("intake_review", stolen)
    assert thief.get("/queue/due").status_code == 302


def test_wrong_password_and_unknown_user_look_the_same(demo: Demo) -> None:
    client = demo.app.test_client()
    wrong = _sign_in(client, password="nope nope")
    unknown = _sign_in(client, name="nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert "用户名或密码不正确" in wrong.text and "用户名或密码不正确" in unknown.text


@pytest.mark.parametrize("target", ["//evil.example/", "/\t/evil.example/x", "/\\evil.example/", "/%09/x\n",
                                    "/item/1\r\nSet-Cookie: stolen=1", "https://evil.example/", "/\x00/evil.example"])
def test_next_never_leaves_the_site_nor_breaks_the_redirect(demo: Demo, target: str) -> None:
    client = demo.app.test_client()
    token = _token(client.get("/login").text)
    response = client.post("/login", data={"name": "clerk", "password": PASSWORD, "csrf_token": token,
                                           "next": target})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_a_next_with_a_tab_in_the_query_string_is_not_an_open_redirect(demo: Demo) -> None:
    client = demo.app.test_client()
    page = client.get("/login?next=/%09/evil.example/x")
    assert page.status_code == 200 and "evil.example" not in page.text
    answer = client.get("/login?next=/item/1%0d%0aX-Injected:%201")
    assert answer.status_code == 200


def test_next_within_the_site_is_kept(demo: Demo) -> None:
    client = demo.app.test_client()
    token = _token(client.get("/login").text)
    response = client.post("/login", data={"name": "clerk", "password": PASSWORD, "csrf_token": token,
                                           "next": "/queue/all?q=%E5%BC%A0"})
    assert response.headers["Location"] == "/queue/all?q=%E5%BC%A0"


# ---------------------------------------------------------------- CSRF
def test_post_without_or_with_a_wrong_csrf_token_is_refused(demo: Demo, client: FlaskClient) -> None:
    document_id = demo.ids["accepted-zhang.png"]
    for data in ({"applicant.name": "篡改"}, {"applicant.name": "篡改", "csrf_token": "forged"}):
        response = client.post(f"/item/{document_id}/fields", data=data)
        assert response.status_code == 400
        assert "CSRF" in response.text
    assert _record(demo, document_id)["applicant"]["name"] == "张伟"
    assert client.post("/logout").status_code == 400


def test_sign_in_form_needs_its_token_too(demo: Demo) -> None:
    client = demo.app.test_client()
    response = client.post("/login", data={"name": "clerk", "password": PASSWORD})
    assert response.status_code == 400


def test_a_correction_with_the_token_is_saved_and_audited(demo: Demo, client: FlaskClient) -> None:
    document_id = demo.ids["accepted-zhang.png"]
    page = client.get(f"/item/{document_id}")
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version
    response = client.post(f"/item/{document_id}/fields", data={
        "csrf_token": _token(page.text), "version": version.group(1), "applicant.phone": "13800000000"},
        follow_redirects=True)
    assert "已保存" in response.text
    assert _record(demo, document_id)["applicant"]["phone"] == "13800000000"
    assert 'data-kind="corrected"' in response.text and "13800000000" in response.text


# ---------------------------------------------------------------- inert text
def test_html_in_recognised_text_and_fields_is_shown_inert(demo: Demo, client: FlaskClient) -> None:
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    register = Register(demo.config.database)
    record = make_record(key="xss.png", route=Route.APPLICATION, status=Status.NEEDS_REVIEW, received_on=TODAY,
                         calendar=demo.calendar, applicant=Applicant(name=f"<b>{payload}</b>"),
                         request=Request(description=payload), text=f"正文 {payload}")
    document_id = add_document(register, demo.config, record)
    register.close()
    for url in (f"/item/{document_id}", "/queue/needs_review", "/queue/all?q=%3Cscript%3E"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b><script" not in html, url
        assert "&lt;script&gt;" in html, url


# ---------------------------------------------------------------- paths
def test_an_archive_path_outside_the_archive_is_never_read(demo: Demo, client: FlaskClient) -> None:
    document_id = demo.ids["accepted-zhang.png"]
    secret = demo.tmp / "outside.png"
    Image.new("RGB", (10, 10), "red").save(secret)
    register = Register(demo.config.database)
    for target in (str(secret), str(demo.config.archive / ".." / "register.db"), "/etc/passwd"):
        with register.db.conn:
            register.db.execute("update documents set archive_path = ? where id = ?", [target, document_id])
        assert client.get(f"/item/{document_id}/page/1").status_code == 404, target
        assert "原件不在归档文件夹中" in client.get(f"/item/{document_id}").text
    # A link inside the archive that points outside is refused as well.
    link = demo.config.archive / "link.png"
    link.symlink_to(secret)
    with register.db.conn:
        register.db.execute("update documents set archive_path = ? where id = ?", [str(link), document_id])
    register.close()
    assert client.get(f"/item/{document_id}/page/1").status_code == 404


@pytest.mark.parametrize("url", ["/item/1/page/..%2F..%2Fregister.db", "/item/1/page/-1", "/item/1/page/0",
                                 "/item/1/page/99", "/static/..%2Fregister.db", "/static/../../register.db",
                                 "/item/1/notice.py", "/item/999/page/1", "/item/99999999999999999999999",
                                 "/item/9223372036854775808", "/item/1/page/99999999999999999999999"])
def test_urls_take_ids_and_numbers_only(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404, url
    assert b"SQLite format" not in response.data


# ---------------------------------------------------------------- rate limit
def test_sign_in_is_rate_limited_per_address_and_per_user(demo: Demo) -> None:
    client = demo.app.test_client()
    for _ in range(5):
        assert _sign_in(client, password="wrong password").status_code == 401
    assert _sign_in(client).status_code == 429                         # even the right password waits
    assert _sign_in(client, remote="10.0.0.2").status_code == 429      # the user is limited from elsewhere too
    demo.clock.now += 61
    assert _sign_in(client).status_code == 303


# ---------------------------------------------------------------- queues
def test_due_list_marks_overdue_and_soon(demo: Demo, client: FlaskClient) -> None:
    html = client.get("/queue/due").text
    rows = {row_id: css for css, row_id in re.findall(r'<tr class="(\w*)" data-id="(\d+)"', html)}
    assert rows[str(demo.ids["overdue-wang.eml"])] == "overdue"
    assert rows[str(demo.ids["correction-li.png"])] == "soon"       # correction notice due 2025-06-11
    assert rows[str(demo.ids["accepted-zhang.png"])] == ""
    assert str(demo.ids["petition-sun.png"]) not in rows
    overdue = client.get("/queue/due?due=overdue").text
    assert re.findall(r'data-id="(\d+)"', overdue) == [str(demo.ids["overdue-wang.eml"])]


def test_search_filters_and_pages(demo: Demo, client: FlaskClient) -> None:
    register = Register(demo.config.database)
    fill_register(register, demo.config, demo.calendar, TODAY, 130)
    register.close()
    first = client.get("/queue/all").text
    assert re.search(r'id="total">(\d+)<', first).group(1) == "138"   # type: ignore[union-attr]
    assert len(re.findall(r'data-id="', first)) == 50 and "第 1 / 3 页" in first
    third = client.get("/queue/all?page=3").text
    assert len(re.findall(r'data-id="', third)) == 38
    found = client.get("/queue/all?q=张伟").text
    assert f'data-id="{demo.ids["accepted-zhang.png"]}"' in found
    by_text = client.get("/queue/all?q=过期牛奶").text
    assert re.findall(r'data-id="(\d+)"', by_text) == [str(demo.ids["complaint-zhou.png"])]
    petitions = client.get("/queue/routed?route=petition").text
    assert all(">信访<" in row for row in re.findall(r"<tr class.*?</tr>", petitions, re.S))
    assert client.get("/queue/all?route=bogus").status_code == 400
    assert client.get("/queue/all?q=100%25").status_code == 200            # LIKE wildcards are escaped


# ---------------------------------------------------------------- originals
def test_pages_of_tiff_pdf_and_email_are_rendered(tmp_path: Path) -> None:
    frames = [Image.new("L", (800, 1100), shade) for shade in (255, 200)]
    tiff = tmp_path / "fax.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], compression="tiff_lzw")
    pdf = tmp_path / "letter.pdf"
    frames[0].convert("RGB").save(pdf, save_all=True, append_images=[frames[1].convert("RGB")])
    for path in (tiff, pdf):
        pages = list_pages(path, 10_000_000)
        assert [page.number for page in pages] == [1, 2] and {page.kind for page in pages} == {"image"}
        image = Image.open(io.BytesIO(render_png(path, 2, 10_000_000)))
        assert image.format == "PNG" and 0 < image.width <= 1400
    scan = render_scan(tmp_path / "big.png", ["标题"], width=3000, height=4000)
    assert Image.open(io.BytesIO(render_png(scan, 1, 100_000_000))).width == 1400


def test_notice_is_confirmed_and_downloaded(demo: Demo, client: FlaskClient) -> None:
    document_id = demo.ids["correction-li.png"]
    page = client.get(f"/item/{document_id}")
    assert client.get(f"/item/{document_id}/letter/1.txt").status_code == 404
    response = client.post(f"/item/{document_id}/notice", data={"csrf_token": _token(page.text)},
                           follow_redirects=True)
    assert "补正告知书已确认" in response.text
    letter_id = re.search(r'data-letter-id="(\d+)" data-kind="correction"', response.text).group(1)
    download = client.get(f"/item/{document_id}/letter/{letter_id}.txt")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    assert "李娜" in download.get_data(as_text=True)
    assert client.get(f"/item/{document_id}/letter/{letter_id}.docx").data[:2] == b"PK"
    # A letter of another document is not served under this one.
    assert client.get(f"/item/{demo.ids['accepted-zhang.png']}/letter/{letter_id}.txt").status_code == 404


# ---------------------------------------------------------------- beside `intake watch`
def test_the_page_reads_while_another_process_writes_and_leaves_no_lock(demo: Demo, client: FlaskClient) -> None:
    import sqlite3
    writer = sqlite3.connect(demo.config.database, timeout=0, isolation_level=None)
    try:
        writer.execute("begin immediate")                 # the watcher in the middle of recording a file
        writer.execute("update documents set applicant_name = '写入中' where id = ?", [demo.ids["broken.tif"]])
        assert client.get("/queue/all").status_code == 200
        assert client.get(f"/item/{demo.ids['accepted-zhang.png']}").status_code == 200
        writer.execute("commit")
        page = client.get(f"/item/{demo.ids['accepted-zhang.png']}")
        client.post(f"/item/{demo.ids['accepted-zhang.png']}/fields",
                    data={"csrf_token": _token(page.text), "applicant.phone": "13811112222"})
        writer.execute("begin immediate")                 # succeeds at once: the page holds no transaction
        writer.execute("commit")
    finally:
        writer.close()
    assert _record(demo, demo.ids["accepted-zhang.png"])["applicant"]["phone"] == "13811112222"


def test_an_image_over_the_pixel_limit_is_refused_without_touching_pillows_global(tmp_path: Path) -> None:
    from intake.review.scans import ScanError
    before = Image.MAX_IMAGE_PIXELS
    scan = render_scan(tmp_path / "big.png", ["标题"], width=2000, height=2000)
    with pytest.raises(ScanError, match="过大"):
        list_pages(scan, 1_000_000)
    with pytest.raises(ScanError, match="过大"):
        render_png(scan, 1, 1_000_000)
    assert Image.MAX_IMAGE_PIXELS == before


def test_an_id_with_a_wrong_check_character_is_warned_of_and_does_not_complete_the_application(
        demo: Demo, client: FlaskClient) -> None:
    document_id = demo.ids["correction-li.png"]
    page = client.get(f"/item/{document_id}")
    values = {"csrf_token": _token(page.text), "applicant.id_type": "resident_id",
              "applicant.id_number": "371502198505050012", "applicant.phone": "0635-8123456",
              "request.description": "2024年本市餐饮服务单位量化分级评定结果", "delivery.media": "paper",
              "delivery.methods": "post"}
    response = client.post(f"/item/{document_id}/fields", data=values, follow_redirects=True)
    assert "注意：居民身份证号码 371502198505050012 不符合 GB 11643" in response.text
    assert 'id="input-warnings"' in response.text and 'aria-invalid="true"' in response.text
    assert _record(demo, document_id)["status"] == "needs_correction"
    assert _record(demo, document_id)["missing"] == ["applicant_id"]
    values.update(csrf_token=_token(response.text), **{"applicant.id_number": "371502198505050013"})
    response = client.post(f"/item/{document_id}/fields", data=values, follow_redirects=True)
    assert 'id="input-warnings"' not in response.text and _record(demo, document_id)["status"] == "accepted"


# ---------------------------------------------------------------- the outbox follows the page's changes
def test_the_outbox_follows_a_status_change_and_a_reroute_made_on_the_page(demo: Demo, client: FlaskClient) -> None:
    from intake.outbox import write_record
    from intake.register.store import Register as Store
    outbox = demo.config.outbox
    document_id = demo.ids["correction-li.png"]
    store = Store(demo.config.database)
    row = store.get(document_id)
    store.close()
    assert row is not None and row.record is not None
    write_record(outbox, document_id, row.record)           # as the pipeline left it

    def files() -> dict[str, str]:
        import json
        return {str(path.relative_to(outbox).parent): json.loads(path.read_text(encoding="utf-8"))["status"]
                for path in outbox.glob(f"*/*-{document_id:06d}-*.json")}
    assert files() == {"application": "needs_correction", "review": "needs_correction"}

    def act(action: str, **values: str) -> None:
        page = client.get(f"/item/{document_id}")
        version = re.search(r'name="version" value="(\d+)"', page.text)
        assert version
        response = client.post(f"/item/{document_id}/{action}",
                               data={"csrf_token": _token(page.text), "version": version.group(1), **values})
        assert response.status_code == 303
    act("status", status="accepted")
    assert files() == {"application": "accepted"}
    act("route", route="petition")
    assert files() == {"petition": "routed"}


# ---------------------------------------------------------------- why a letter was routed
def test_the_page_shows_each_clause_with_the_role_the_pipeline_gave_it(demo: Demo, client: FlaskClient) -> None:
    from click.testing import CliRunner
    from intake.cli import main
    letter = demo.tmp / "report.txt"
    letter.write_text("举报信\n我在东昌府区某超市买到过期牛奶，超市一直照卖。\n请你局依法查处该超市，并把处理结果告诉我。\n"
                      "举报人：钱二，电话：13800000000", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(demo.config.home), "process", "--json", str(letter)],
                                catch_exceptions=False)
    assert '"route": "report"' in result.stdout
    register = Register(demo.config.database)
    document_id = max(document_id for document_id, _ in register.done_records())
    stored = register.get(document_id)
    register.close()
    assert stored is not None and stored.record is not None
    roles = {clause.text: clause.role for clause in stored.record.clauses}
    assert roles.get("请你局依法查处该超市，并把处理结果告诉我") == "demand_enforce", roles
    html = client.get(f"/item/{document_id}").text
    section = html[html.index('id="clause-roles"'):]
    section = section[:section.index("</details>")]
    assert "请你局依法查处该超市" in section and "要求查处（举报）" in section
    assert re.search(r'<tr data-role="demand_enforce" class="deciding">', section)
