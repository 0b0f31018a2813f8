"""Screenshots of the review page (login, queues, one item) into docs/screenshots/.

Builds a throw-away HOME with the made-up samples of `intake.review.samples`, serves the page on
127.0.0.1 in a thread and drives Debian's chromium headless. Run:
    python bench/screenshots.py [--out docs/screenshots]
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import tempfile
import threading
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from werkzeug.serving import make_server

from intake.home import prepare_home
from intake.pipeline.services import Services
from intake.register.store import Register
from intake.review import create_app
from intake.review.auth import add_user
from intake.review.samples import build_demo_home
from intake.office.actions import correct_fields, extend, record_reply
from intake.deadlines.workdays import WorkdayCalendar

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def chromium(profile: Path, width: int = 1440, height: int = 900) -> webdriver.Chrome:
    """Headless Debian chromium; Selenium Manager is never asked to download anything."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", f"--user-data-dir={profile}", f"--window-size={width},{height}",
                     "--lang=zh-CN", "--hide-scrollbars"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        config = prepare_home(scratch / "home")
        calendar = WorkdayCalendar.load(config.home)
        today = dt.date(2025, 6, 10)
        register = Register(config.database)
        ids = build_demo_home(config, register, calendar, today, scratch / "originals")
        # A little history, so the item page shows the audit trail with before → after.
        services = Services(config=config, register=register, calendar=calendar, engine_factory=lambda: None)
        wang = ids["overdue-wang.eml"]
        correct_fields(services, wang, {"applicant.phone": "13705351888",
                                        "applicant.address": "聊城市东昌府区花园路5号"}, actor="clerk")
        record_reply(services, wang, today - dt.timedelta(days=1), "37", actor="clerk", today=today,
                     details={"reason": "检查记录中涉及企业商业秘密的内容（第十五条）"})
        extend(services, ids["accepted-zhang.png"], "需征求第三方意见", actor="clerk", on=today)
        add_user(register.db, "clerk", "screenshot-pass")      # (its `with` closes the connection)
        app = create_app(config, calendar=calendar, today=lambda: today)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}"
        driver = chromium(scratch / "profile")
        try:
            driver.get(base + "/login")
            driver.save_screenshot(str(arguments.out / "login.png"))
            driver.find_element(By.ID, "name").send_keys("clerk")
            driver.find_element(By.ID, "password").send_keys("screenshot-pass")
            driver.find_element(By.ID, "sign-in").click()
            for name in ("due", "needs_review", "all"):
                driver.get(f"{base}/queue/{name}")
                driver.save_screenshot(str(arguments.out / f"queue-{name}.png"))
            for key, file_name, scroll_to in (("accepted-zhang.png", "item-application.png", None),
                                              ("correction-li.png", "item-correction-actions.png", "correction-card"),
                                              ("review-zhao.png", "item-needs-review.png", None),
                                              ("overdue-wang.eml", "item-email-history.png", "events"),
                                              ("overdue-wang.eml", "item-letters.png", "letters-card"),
                                              ("accepted-zhang.png", "item-reply-form.png", "reply-card")):
                driver.get(f"{base}/item/{ids[key]}")
                if scroll_to:
                    driver.execute_script("document.getElementById(arguments[0]).scrollIntoView()", scroll_to)
                driver.execute_script("return Promise.all([...document.images].map(i => i.decode()))")
                driver.save_screenshot(str(arguments.out / file_name))
        finally:
            driver.quit()
            server.shutdown()
    for path in sorted(arguments.out.glob("*.png")):
        print(path)


if __name__ == "__main__":
    main()
