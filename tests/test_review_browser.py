"""The review page in a real browser: Debian's chromium, headless, driven by Selenium.

The app is served on 127.0.0.1 (ephemeral port) in a thread; the register is filled with made-up
records written through `Register.claim()` + `complete()`, and one scan rendered with Pillow.
"""
from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from intake.config import Config
from intake.deadlines.workdays import WorkdayCalendar
from intake.home import prepare_home
from intake.register.store import Register
from intake.review import create_app
from intake.review.auth import add_user
from intake.review.samples import build_demo_home
from tests.helpers import stored_record

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
TODAY = dt.date(2025, 6, 10)
PASSWORD = "browser-test-pass"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() or not Path(CHROMEDRIVER).exists(),
    reason="Debian chromium and chromium-driver are not installed (bash scripts/system-packages.sh --test)")

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@dataclass
class Site:
    base: str
    config: Config
    ids: dict[str, int]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from werkzeug.serving import make_server
    scratch = tmp_path_factory.mktemp("review-browser")
    config = prepare_home(scratch / "home")
    calendar = WorkdayCalendar.load(config.home)
    register = Register(config.database)
    ids = build_demo_home(config, register, calendar, TODAY, scratch / "originals")
    add_user(register.db, "clerk", PASSWORD)
    register.close()
    app = create_app(config, calendar=calendar, today=lambda: TODAY)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(f"http://127.0.0.1:{server.server_port}", config, ids)
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(argument)
    # An explicit driver path: Selenium Manager must not look for (or download) anything.
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    browser.implicitly_wait(0)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _wait(driver: Any, condition: Any, timeout: float = 10) -> Any:
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def _sign_in(driver: Any, site: Site) -> None:
    driver.get(site.base + "/queue/needs_review")
    if "/login" not in driver.current_url:
        return
    driver.find_element(By.ID, "name").send_keys("clerk")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    _wait(driver, lambda d: "/queue/needs_review" in d.current_url)


def _submit(driver: Any, button_id: str) -> str:
    """Click a form's button, wait for the next page (post/redirect/get) and return its message."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, button_id).click()
    _wait(driver, _gone(old_page))
    return str(_wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".flash")).text)


def _gone(element: Any) -> Any:
    """A wait condition: the element's page has been replaced. Chromedriver reports a node
    of a page being torn down either as stale or as "not belonging to the document"."""
    def check(_driver: Any) -> bool:
        try:
            element.is_enabled()
        except WebDriverException:   # StaleElementReferenceException is one of these
            return True
        return False
    return check


def _record(site: Site, document_id: int) -> dict[str, Any]:
    return stored_record(site.config.database, document_id)


def test_refusal_without_sign_in(driver: Any, site: Site) -> None:
    driver.delete_all_cookies()
    document_id = site.ids["accepted-zhang.png"]
    driver.get(f"{site.base}/item/{document_id}")
    assert "/login" in driver.current_url
    assert "张伟" not in driver.page_source
    driver.get(f"{site.base}/item/{document_id}/page/1")       # an image: refused, not redirected
    assert "/page/1" in driver.current_url and "请先登录" in driver.page_source and "401" in driver.page_source
    driver.get(f"{site.base}/login")
    driver.find_element(By.ID, "name").send_keys("clerk")
    driver.find_element(By.ID, "password").send_keys("not the password")
    driver.find_element(By.ID, "sign-in").click()
    assert "用户名或密码不正确" in _wait(driver, lambda d: d.find_element(By.ID, "login-error")).text


def test_sign_in_returns_to_the_page_asked_for(driver: Any, site: Site) -> None:
    driver.delete_all_cookies()
    document_id = site.ids["accepted-zhang.png"]
    driver.get(f"{site.base}/item/{document_id}")
    driver.find_element(By.ID, "name").send_keys("clerk")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    _wait(driver, lambda d: d.current_url.endswith(f"/item/{document_id}"))
    assert driver.find_element(By.ID, "signed-in-user").text == "clerk"
    image = _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "img.scan"))
    _wait(driver, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image))
    assert image.get_property("naturalWidth") == 1000
    width = image.size["width"]
    driver.find_element(By.ID, "zoom-in").click()
    assert driver.find_element(By.ID, "zoom-level").text == "125%"
    _wait(driver, lambda d: image.size["width"] > width)


def test_queues_show_counts_deadlines_and_search(driver: Any, site: Site) -> None:
    _sign_in(driver, site)
    driver.get(site.base + "/queue/due")
    overdue_row = driver.find_element(By.CSS_SELECTOR, f'tr[data-id="{site.ids["overdue-wang.eml"]}"]')
    assert "overdue" in overdue_row.get_attribute("class")
    due_cell = overdue_row.find_element(By.CSS_SELECTOR, "td.due")
    assert due_cell.value_of_css_property("color") == "rgba(180, 35, 24, 1)"      # red, from review.css
    assert "已逾期" in overdue_row.text
    soon_row = driver.find_element(By.CSS_SELECTOR, f'tr[data-id="{site.ids["correction-li.png"]}"]')
    assert "soon" in soon_row.get_attribute("class")
    assert "逾期 1" in driver.find_element(By.ID, "tab-due").text
    driver.get(site.base + "/queue/all")
    search = driver.find_element(By.ID, "search")
    search.send_keys("律师事务所")
    driver.find_element(By.ID, "apply-filters").click()
    _wait(driver, lambda d: "q=" in d.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "#queue-table tbody tr")
    assert [row.get_attribute("data-id") for row in rows] == [str(site.ids["firm-legal.pdf"])]
    driver.get(site.base + "/queue/routed")
    Select(driver.find_element(By.ID, "route-filter")).select_by_value("complaint")
    driver.find_element(By.ID, "apply-filters").click()
    _wait(driver, lambda d: "route=complaint" in d.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "#queue-table tbody tr")
    assert [row.get_attribute("data-id") for row in rows] == [str(site.ids["complaint-zhou.png"])]


def test_correcting_fields_accepts_the_application(driver: Any, site: Site) -> None:
    _sign_in(driver, site)
    document_id = site.ids["correction-li.png"]
    driver.get(f"{site.base}/item/{document_id}")
    assert driver.find_element(By.ID, "item-status").text == "需补正"
    Select(driver.find_element(By.ID, "f-applicant-id_type")).select_by_value("resident_id")
    driver.find_element(By.ID, "f-applicant-id_number").send_keys("371502198505050013")
    description = driver.find_element(By.ID, "f-request-description")
    description.clear()
    description.send_keys("2024年本市餐饮服务单位量化分级评定结果")
    driver.find_element(By.CSS_SELECTOR, 'input[name="delivery.media"][value="electronic"]').click()
    driver.find_element(By.CSS_SELECTOR, 'input[name="delivery.methods"][value="email"]').click()
    assert "已保存" in _submit(driver, "save-fields")
    assert driver.find_element(By.ID, "item-status").text == "已受理"
    assert not driver.find_elements(By.ID, "missing")
    history = driver.find_element(By.CSS_SELECTOR, '[data-kind="corrected"]')
    assert "clerk" in history.text and "371502198505050013" in history.text
    record = _record(site, document_id)
    assert record["status"] == "accepted" and record["reply_due"] and record["delivery"]["methods"] == ["email"]


def test_rerouting_to_petition(driver: Any, site: Site) -> None:
    _sign_in(driver, site)
    document_id = site.ids["review-zhao.png"]
    driver.get(f"{site.base}/item/{document_id}")
    Select(driver.find_element(By.ID, "route-select")).select_by_value("petition")
    assert "信访" in _submit(driver, "change-route")
    assert driver.find_element(By.ID, "item-route").text == "信访"
    assert driver.find_element(By.ID, "item-status").text == "已转办"
    assert _record(site, document_id)["route"] == "petition"
    driver.get(site.base + "/queue/needs_review")
    assert not driver.find_elements(By.CSS_SELECTOR, f'tr[data-id="{document_id}"]')


def test_recording_a_reply(driver: Any, site: Site) -> None:
    _sign_in(driver, site)
    document_id = site.ids["overdue-wang.eml"]
    driver.get(f"{site.base}/item/{document_id}")
    assert "特种设备" in driver.find_element(By.CSS_SELECTOR, "pre.page-text").text   # the e-mail as text
    date_input = driver.find_element(By.ID, "reply-on")
    driver.execute_script("arguments[0].value = '2025-06-09'", date_input)
    Select(driver.find_element(By.ID, "reply-outcome")).select_by_value("36.3.3")
    assert "已登记答复" in _submit(driver, "record-reply")
    history = driver.find_element(By.CSS_SELECTOR, '[data-kind="replied"]')
    assert "危及“三安全一稳定”" in history.text and "2025-06-09" in history.text
    register = Register(site.config.database)
    try:
        replies = register.events(document_id, "replied")
    finally:
        register.close()
    assert [e.detail for e in replies] == [{"on": "2025-06-09", "decision": "36.3.3", "outcome": "不予公开.3"}]
    assert replies[0].actor == "clerk"
    driver.get(site.base + "/queue/due")
    assert not driver.find_elements(By.CSS_SELECTOR, f'tr[data-id="{document_id}"]')


def test_sign_out(driver: Any, site: Site) -> None:
    _sign_in(driver, site)
    driver.find_element(By.ID, "sign-out").click()
    _wait(driver, lambda d: "/login" in d.current_url)
    driver.get(site.base + "/queue/due")
    try:
        _wait(driver, lambda d: "/login" in d.current_url, timeout=3)
    except TimeoutException:
        pytest.fail("still signed in after signing out")


def _download(driver: Any, downloads: Path, link_id: str) -> Path:
    """Click a download link and wait for the finished file (Chromium writes .crdownload first)."""
    for old in downloads.iterdir():
        old.unlink()
    driver.find_element(By.ID, link_id).click()
    done = _wait(driver, lambda _d: [p for p in downloads.iterdir() if p.suffix == ".docx"], timeout=15)
    return Path(done[0])


def _letter_named(driver: Any, message: str) -> tuple[str, str, str]:
    """The letters table's row of the letter the message names (id, kind, number)."""
    for row in driver.find_elements(By.CSS_SELECTOR, "#letters tbody tr"):
        reference = row.find_element(By.CSS_SELECTOR, ".reference").text
        if reference and reference in message:
            return row.get_attribute("data-letter-id"), row.get_attribute("data-kind"), reference
    raise AssertionError(f"no letter of {message!r} in the table")


def test_every_reply_outcome_recorded_on_the_page_drafts_a_letter_that_downloads(
        driver: Any, site: Site, downloads: Path) -> None:
    from docx import Document

    from intake.office.vocabulary import REPLY_DECISIONS
    _sign_in(driver, site)
    document_id = site.ids["firm-legal.pdf"]
    driver.get(f"{site.base}/item/{document_id}")
    for decision in REPLY_DECISIONS.values():           # each answer lands back on the item's page
        Select(driver.find_element(By.ID, "reply-outcome")).select_by_value(decision.code)
        if decision.letter == "not_ours":
            driver.find_element(By.CSS_SELECTOR, "details.letter-details summary").click()
            driver.find_element(By.ID, "reply-agency").send_keys("聊城市东昌府区市场监督管理局")
        message = _submit(driver, "record-reply")
        letter_id, kind, reference = _letter_named(driver, message)
        assert "已登记答复" in message and kind == decision.letter, decision.code
        letter = _download(driver, downloads, f"letter-{letter_id}-docx")
        text = "\n".join(paragraph.text for paragraph in Document(str(letter)).paragraphs)
        assert "山东聊城明信律师事务所" in text and "聊市监罚〔2022〕301号" in text, decision.code
        assert decision.article.split("、")[0] in text and reference in text, decision.code
        if decision.letter == "not_ours":
            assert "聊城市东昌府区市场监督管理局" in text
    register = Register(site.config.database)
    try:
        decisions = [event.detail["decision"] for event in register.events(document_id, "replied")]
    finally:
        register.close()
    assert decisions == list(REPLY_DECISIONS)


def test_the_extension_and_article_35_letters_are_drafted_and_their_sending_recorded(
        driver: Any, site: Site, downloads: Path) -> None:
    from docx import Document
    _sign_in(driver, site)
    document_id = site.ids["accepted-zhang.png"]
    driver.get(f"{site.base}/item/{document_id}")
    driver.find_element(By.ID, "extend-reason").send_keys("需征求第三方意见")
    message = _submit(driver, "extend")
    letter_id, kind, reference = _letter_named(driver, message)
    assert kind == "extension" and "依延" in reference
    text = "\n".join(p.text for p in Document(str(_download(driver, downloads, f"letter-{letter_id}-docx"))).paragraphs)
    assert "需征求第三方意见" in text and "第三十三条第二款" in text and "延长二十个工作日" in text
    Select(driver.find_element(By.ID, f"letter-{letter_id}-way")).select_by_value("post")
    assert "已登记" in _submit(driver, f"letter-{letter_id}-sent")
    assert "邮寄" in driver.find_element(By.ID, f"letter-{letter_id}-sent-on").text
    driver.find_element(By.ID, "explain-reason").send_keys("您自2025年1月以来提出申请23件")
    message = _submit(driver, "explain")
    letter_id, kind, _ = _letter_named(driver, message)
    text = "\n".join(p.text for p in Document(str(_download(driver, downloads, f"letter-{letter_id}-docx"))).paragraphs)
    assert kind == "explain" and "您自2025年1月以来提出申请23件" in text and "第三十五条" in text


def test_looking_at_a_field_marks_where_on_the_scan_it_was_read(driver: Any, site: Site, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from intake.cli import main
    from tests.helpers import APPLICATION_LINES, CJK_FONT, render_page
    if CJK_FONT is None:
        pytest.skip("no CJK font to render the scan")
    scan = tmp_path / "mark-me.png"
    render_page(APPLICATION_LINES).save(scan)
    result = CliRunner().invoke(main, ["--home", str(site.config.home), "process", "--json", str(scan)],
                                catch_exceptions=False)
    assert '"13912345678"' in result.stdout
    register = Register(site.config.database)
    try:
        document_id = max(document_id for document_id, _ in register.done_records())
    finally:
        register.close()
    _sign_in(driver, site)
    driver.get(f"{site.base}/item/{document_id}")
    image = _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".scan-wrap img.scan"))
    _wait(driver, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image))
    assert not driver.find_elements(By.CSS_SELECTOR, ".mark")
    driver.find_element(By.ID, "f-applicant-phone").click()
    marks = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '.mark[data-field="applicant.phone"]'))
    page, mark = image.rect, marks[0].rect
    # The phone is on the fourth printed line (render_page: 110 px margin, 57 px a line, on 1754 px).
    top = (mark["y"] - page["y"]) / page["height"]
    assert abs(top - (110 + 3 * 57) / 1754) < 0.02, (mark, page)
    assert page["x"] <= mark["x"] and mark["x"] + mark["width"] <= page["x"] + page["width"] + 1
    driver.find_element(By.ID, "f-request-description").click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '.mark[data-field="request.description"]'))
    assert not driver.find_elements(By.CSS_SELECTOR, '.mark[data-field="applicant.phone"]')
