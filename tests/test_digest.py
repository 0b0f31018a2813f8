"""The daily digest from a register with known contents: counts, due items, masking, files, CLI."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from click.testing import CliRunner

from intake.kernel.model import Status
from intake.reports.digest import Digest, build_digest, produce_digest, render
from intake.reports.repeats import REPEAT_THRESHOLD, repeat_applicants
from tests.helpers import DAY, SECRETS, ZHANG_ID, add_document, cli_group, person


def test_arrivals_by_route_status_and_channel(services, known):
    digest = build_digest(services.register, services.calendar, DAY)
    assert digest.arrived == 4
    counts = {count.label: count.n for count in digest.by_route_status}
    assert counts == {"政府信息公开申请 / 需补正": 1, "政府信息公开申请 / 待审核": 1, "信访 / 已转办": 1,
                      "其他 / 无法读取": 1}
    assert {count.label: count.n for count in digest.by_channel} == {"信函": 2, "电子邮件": 1, "传真": 1}


def test_overdue_and_due_within_five_working_days(services, known):
    digest = build_digest(services.register, services.calendar, DAY)
    # 20 working days after 2025-02-10 is 2025-03-10; it is four working days overdue.
    [overdue] = digest.overdue
    assert (overdue.document_id, overdue.due, overdue.workdays_left) == (known["overdue"], dt.date(2025, 3, 10), -4)
    assert overdue.applicant == "张三"
    assert digest.horizon == dt.date(2025, 3, 21)
    assert [(item.document_id, item.due, item.workdays_left) for item in digest.due_soon] == [
        (known["due_soon"], dt.date(2025, 3, 20), 4)]
    # Answered deadlines are not listed: the reply of #replied, the notice of #awaiting.
    listed = {item.document_id for item in (*digest.overdue, *digest.due_soon)}
    assert known["replied"] not in listed and known["awaiting"] not in listed


def test_waiting_lists(services, known):
    digest = build_digest(services.register, services.calendar, DAY)
    [waiting] = digest.awaiting_correction
    assert (waiting.document_id, waiting.notice_sent_on, waiting.days_waiting) == (
        known["awaiting"], dt.date(2025, 3, 5), 9)
    assert waiting.missing == "所需信息描述、获取方式"
    assert [item.document_id for item in digest.review] == [known["review"]]
    assert [item.document_id for item in digest.failures] == [known["failed"]]
    assert [item.document_id for item in digest.provisional] == [known["provisional"]]


def test_repeat_applicant_joined_by_id_or_name_and_phone(services, known):
    digest = build_digest(services.register, services.calendar, DAY)
    [repeat] = digest.repeat_applicants
    assert repeat.applications == REPEAT_THRESHOLD == 3
    assert repeat.document_ids == (known["overdue"], known["due_soon"], known["correction_today"])
    assert repeat.identity == ZHANG_ID[:4] + "*" * 10 + ZHANG_ID[-4:]
    # Ninety days on, the first application has left the window.
    rows = list(services.register.db.query("select * from documents"))
    assert repeat_applicants(rows, dt.date(2025, 5, 11)) == ()


def test_chart_covers_thirty_days(services, known):
    digest = build_digest(services.register, services.calendar, DAY)
    assert len(digest.chart) == 30 and digest.chart[-1].day == DAY and digest.chart[0].day == dt.date(2025, 2, 13)
    assert digest.chart[-1].n == 4 and sum(bar.n for bar in digest.chart) == 7


def test_rendered_digest_masks_every_personal_value(services, known):
    text, html = render(build_digest(services.register, services.calendar, DAY, agency="测试局"))
    for secret in SECRETS:
        assert secret not in text and secret not in html
    for part in (text, html):
        assert "138****5678" in part                       # the failed file's name
        assert "其他识别说明" in part                       # the review reason, in the office's words
        assert "[E004] 文件设有密码" in part                 # the failure's code, its English detail left out
    assert re.search(r"逾期 4 个工作日", html) and "还剩 4 个工作日" in html


def test_html_is_self_contained(services, known):
    _, html = render(build_digest(services.register, services.calendar, DAY))
    assert "<svg" in html and html.count("<rect") == 30
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "<script" not in html and "<style" not in html


def test_files_are_written_to_the_outbox(services, known):
    files = produce_digest(services, DAY)
    folder = services.config.outbox / "digest"
    assert files.html_path == folder / "2025-03-14.html" and files.text_path == folder / "2025-03-14.txt"
    assert files.html_path.read_text(encoding="utf-8") == files.html
    assert "已逾期：1" in files.text_path.read_text(encoding="utf-8")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]      # no temporary left behind


def test_empty_register_gives_an_empty_digest(services):
    digest: Digest = build_digest(services.register, services.calendar, DAY)
    assert digest.arrived == 0 and not digest.overdue and not digest.repeat_applicants
    text, html = render(digest)
    assert "今天没有新收件" in html and "\n  无\n" in text


def test_digest_command_writes_both_files(services, known):
    services.register.close()
    result = CliRunner().invoke(cli_group(services.config.home), ["digest", "--date", "2025-03-14"])
    assert result.exit_code == 0, result.output
    assert [Path(line).name for line in result.stdout.splitlines()] == ["2025-03-14.html", "2025-03-14.txt"]


def test_send_without_recipients_is_a_clear_error(services):
    result = CliRunner().invoke(cli_group(services.config.home), ["digest", "--send"])
    assert result.exit_code == 1
    assert "没有收件人" in result.output and "Traceback" not in result.output


def test_corrected_application_ends_the_correction_clock_but_a_second_copy_does_not(services):
    register, calendar = services.register, services.calendar
    corrected = add_document(register, calendar, received_on=dt.date(2025, 3, 3), status=Status.NEEDS_CORRECTION,
                             applicant=person("甲"), sha256="c" * 64)
    add_document(register, calendar, received_on=dt.date(2025, 3, 13), status=Status.ACCEPTED, applicant=person("甲"),
                 reasons=(f"correction of the earlier application {'c' * 12}",))
    copied = add_document(register, calendar, received_on=dt.date(2025, 3, 3), status=Status.NEEDS_CORRECTION,
                          applicant=person("乙"), sha256="d" * 64)
    add_document(register, calendar, received_on=dt.date(2025, 3, 4), status=Status.DUPLICATE, applicant=person("乙"),
                 sha256="d" * 64)
    digest = build_digest(register, calendar, DAY)
    # Both correction notices were due 2025-03-12; only the one never answered by a correction is overdue.
    assert [(item.document_id, item.due) for item in digest.overdue] == [(copied, dt.date(2025, 3, 12))]
    assert corrected not in {item.document_id for item in digest.due_soon}


def test_copies_of_one_request_do_not_make_a_repeat_applicant(services):
    register, calendar = services.register, services.calendar
    same = person("丁", id_number=ZHANG_ID)
    add_document(register, calendar, received_on=DAY, status=Status.ACCEPTED, applicant=same, sha256="f" * 64)
    for number, sha in enumerate(("1" * 64, "2" * 64)):
        add_document(register, calendar, received_on=DAY, status=Status.DUPLICATE, applicant=same, sha256=sha,
                     duplicate_of="f" * 64, name=f"copy{number}.png")
    assert repeat_applicants(register.summaries(), DAY, threshold=2) == ()


def test_every_item_links_to_the_review_page_and_no_english_is_left(services, known):
    digest = build_digest(services.register, services.calendar, DAY, review_base="http://review.example:8080/")
    text, html = render(digest)
    for document_id in (known["overdue"], known["review"], known["failed"], known["awaiting"]):
        assert f'href="http://review.example:8080/item/{document_id}"' in html
        assert f"http://review.example:8080/item/{document_id}" in text
    assert "intake show" not in text + html
    visible = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1].split(">", 1)[1])
    for part in (text, visible):
        words = re.sub(r"https?://\S+|intake holidays import|#\d+|E\d{3}|\S+\.(?:pdf|png)", " ", part)
        assert not re.findall(r"[A-Za-z]{3,}", words), re.findall(r"[A-Za-z]{3,}", words)
