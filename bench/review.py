"""How fast the review page's queues render on a register of 5,000 records (target: < 300 ms).

Fills a temporary HOME with made-up records (`intake.review.samples.fill_register`), signs in
with Flask's test client and times each queue page, median of several requests. Run:
    python bench/review.py [--records 5000] [--repeat 9]
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import tempfile
import time
from pathlib import Path

from intake.home import prepare_home
from intake.register.store import Register
from intake.review import create_app
from intake.review.auth import add_user
from intake.review.samples import fill_register
from intake.deadlines.workdays import WorkdayCalendar

TARGET_MS = 300.0
PAGES = ("/queue/needs_review", "/queue/due", "/queue/due?due=overdue", "/queue/routed?route=petition",
         "/queue/all", "/queue/all?page=60", "/queue/all?q=王芳", "/queue/all?q=价格监督")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=9)
    arguments = parser.parse_args()
    today = dt.date(2025, 6, 10)
    with tempfile.TemporaryDirectory() as scratch:
        config = prepare_home(Path(scratch) / "home")
        calendar = WorkdayCalendar.load(config.home)
        register = Register(config.database)
        started = time.perf_counter()
        fill_register(register, config, calendar, today, arguments.records)
        add_user(register.db, "bench", "bench-password")
        register.close()
        print(f"filled {arguments.records} records in {time.perf_counter() - started:.1f} s")
        app = create_app(config, calendar=calendar, today=lambda: today)
        client = app.test_client()
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token is not None
        client.post("/login", data={"name": "bench", "password": "bench-password", "csrf_token": token.group(1)})
        worst = 0.0
        print(f"{'page':<34}{'median ms':>10}{'max ms':>9}{'rows':>7}")
        for url in PAGES:
            timings = []
            for _ in range(arguments.repeat):
                began = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            total = re.search(r'id="total">(\d+)<', response.text)
            median = statistics.median(timings)
            worst = max(worst, median)
            print(f"{url:<34}{median:>10.1f}{max(timings):>9.1f}{total.group(1) if total else '?':>7}")
        verdict = "OK" if worst < TARGET_MS else "TOO SLOW"
        print(f"slowest queue page (median): {worst:.1f} ms — target < {TARGET_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
