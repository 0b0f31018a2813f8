"""The annual report's table 三 from a register with known contents, its check, and its files."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from click.testing import CliRunner

from intake.kernel.model import Applicant, Route, Status
from intake.reports.annual import (
    COLUMN_KEYS,
    OUTCOMES,
    ROWS,
    ReportError,
    ReportInconsistent,
    annual_table,
)
from intake.reports.annual_files import row_layout, table_csv, write_report
from tests.helpers import add_document, cli_group, person

YEAR = 2024


def org(category: str | None, name: str = "某某有限公司") -> Applicant:
    return Applicant(kind="organization", category=category, name=name)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def year_register(services):  # noqa: F811 - the fixture imported above
    """2024 with carried-in, carried-out, a second copy, a correction pair, a petition, a failure."""
    register, calendar = services.register, services.calendar

    def add(received: str, status: Status = Status.ACCEPTED, applicant: Applicant | None = None, **extra) -> int:
        return add_document(register, calendar, received_on=d(received), status=status,
                            applicant=applicant or person("甲"), **extra)

    def reply(document_id: int, on: str, outcome: str) -> None:
        register.add_event(document_id, "replied", detail={"on": on, "outcome": outcome})

    reply(add("2023-12-20"), "2024-01-10", "予以公开")                                   # 二 → 三
    add("2023-12-28", applicant=org("business"))                                          # 二 → 四
    reply(add("2023-06-01"), "2023-06-20", "予以公开")                                   # answered in 2023
    first = add("2024-02-01", sha256="a" * 64)
    reply(first, "2024-03-01", "予以公开")
    add("2024-02-01", sha256="a" * 64, status=Status.DUPLICATE)                           # second copy: not counted
    reply(add("2024-03-05"), "2024-04-01", "部分公开")
    reply(add("2024-04-02", applicant=org("research")), "2024-05-01", "不予公开.4")
    reply(add("2024-05-06", applicant=org("legal_services")), "2024-06-01", "无法提供.1")
    reply(add("2024-05-20", status=Status.DUPLICATE), "2024-06-10", "不予处理.2")          # asked again: counted
    reply(add("2024-06-03", Status.NEEDS_CORRECTION, org("nonprofit")), "2024-07-01", "其他处理.1")
    add("2024-12-25", applicant=org("other_org"))                                         # 四
    reply(add("2024-12-30"), "2025-01-05", "予以公开")                                   # 四: replied next year
    original = add("2024-08-01", Status.NEEDS_CORRECTION, sha256="b" * 64)
    corrected = add("2024-08-12", reasons=(f"correction of the earlier application {'b' * 12}",))
    reply(corrected, "2024-08-20", "无法提供.2")                                          # one application
    petition = add_document(register, calendar, received_on=d("2024-03-03"), status=Status.ROUTED,
                            route=Route.PETITION)
    add_document(register, calendar, received_on=d("2024-03-04"), status=Status.FAILED, route=Route.OTHER)
    reply(add("2024-08-30", applicant=org(None)), "2024-09-01", "予以公开")                # no category: 其他
    return {"original": original, "corrected": corrected, "petition": petition}


EXPECTED = {   # row → (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计)
    "received": (5, 0, 1, 1, 1, 2, 10),
    "carried_in": (1, 1, 0, 0, 0, 0, 2),
    "予以公开": (2, 0, 0, 0, 0, 1, 3),
    "部分公开": (1, 0, 0, 0, 0, 0, 1),
    "不予公开.4": (0, 0, 1, 0, 0, 0, 1),
    "无法提供.1": (0, 0, 0, 0, 1, 0, 1),
    "无法提供.2": (1, 0, 0, 0, 0, 0, 1),
    "不予处理.2": (1, 0, 0, 0, 0, 0, 1),
    "其他处理.1": (0, 0, 0, 1, 0, 0, 1),
    "results_total": (5, 0, 1, 1, 1, 1, 9),
    "carried_out": (1, 1, 0, 0, 0, 1, 3),
}


def test_known_register_gives_the_known_table(services, year_register):
    table = annual_table(services.register, YEAR)
    for row in ROWS:
        expected = EXPECTED.get(row.key, (0,) * 7)
        assert tuple(table.value(row.key, column) for column in COLUMN_KEYS) == expected, row.label
    assert any("没有申请人类别" in note and "其他" in note for note in table.notes)


def test_each_column_balances(services, year_register):
    table = annual_table(services.register, YEAR)
    for column in COLUMN_KEYS:
        assert (table.value("received", column) + table.value("carried_in", column)
                == table.value("results_total", column) + table.value("carried_out", column))


def test_next_year_carries_in_what_this_year_carried_out(services, year_register):
    this_year, next_year = annual_table(services.register, YEAR), annual_table(services.register, YEAR + 1)
    for column in COLUMN_KEYS:
        assert next_year.value("carried_in", column) == this_year.value("carried_out", column)
    assert next_year.value("予以公开", "total") == 1 and next_year.value("carried_out", "total") == 2


def test_reply_on_a_document_that_is_no_application_breaks_the_check(services, year_register):
    services.register.add_event(year_register["petition"], "replied", detail={"on": "2024-04-01", "outcome": "予以公开"})
    with pytest.raises(ReportInconsistent) as caught:
        annual_table(services.register, YEAR)
    message = str(caught.value)
    assert "自然人：一 5 + 二 1 = 6，但 三 6 + 四 1 = 7" in message
    assert f"#{year_register['petition']}：登记了 2024-04-01 的答复" in message


def test_reply_dated_before_receipt_across_years_breaks_the_check(services, year_register):
    late = add_document(services.register, services.calendar, received_on=d("2024-01-03"), status=Status.ACCEPTED,
                        applicant=person("乙"))
    services.register.add_event(late, "replied", detail={"on": "2023-12-29", "outcome": "予以公开"})
    with pytest.raises(ReportInconsistent, match=rf"#{late}：答复日期 2023-12-29.*早于收到日期 2024-01-03"):
        annual_table(services.register, YEAR)


def test_unknown_outcome_is_refused_with_the_list_of_rows(services, year_register):
    services.register.add_event(year_register["corrected"], "replied", detail={"on": "2024-08-15", "outcome": "同意"})
    with pytest.raises(ReportError, match="结果 '同意'") as caught:
        annual_table(services.register, YEAR)
    assert "不予公开.8" in str(caught.value) and not isinstance(caught.value, ReportInconsistent)


def test_layout_merges_like_the_printed_form():
    layout = row_layout()
    assert len(layout) == len(ROWS) == 2 + len(OUTCOMES) + 2
    results = layout[2][0]
    assert (results.text, results.rowspan) == ("三、本年度办理结果", 22)
    refusals = [cell for cells in layout for cell in cells if cell.text == "（三）不予公开"]
    assert refusals[0].rowspan == 8 and refusals[0].colspan == 1
    assert layout[-1][0].colspan == 3 and layout[-1][0].text == "四、结转下年度继续办理"


def test_files_written(services, year_register, tmp_path):
    from openpyxl import load_workbook
    table = annual_table(services.register, YEAR)
    paths = write_report(table, tmp_path / "out", agency="测试局")
    assert [p.name for p in paths] == ["annual-report-2024.xlsx", "annual-report-2024.csv", "annual-report-2024.html"]
    rows = list(csv.reader(io.StringIO(paths[1].read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["key", "项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert rows[1] == ["received", "一、本年新收政府信息公开申请数量", "5", "0", "1", "1", "1", "2", "10"]
    assert rows[-1][0] == "carried_out" and rows[-1][-1] == "3"
    sheet = load_workbook(paths[0]).active
    assert sheet["A5"].value == "一、本年新收政府信息公开申请数量" and sheet["J5"].value == 10
    assert sheet["D4"].value is None and sheet["E4"].value == "商业企业"          # 自然人 spans two header rows
    assert sheet["A7"].value == "三、本年度办理结果" and sheet["J28"].value == 9     # （七）总计
    html = paths[2].read_text(encoding="utf-8")
    assert 'rowspan="22"' in html and "（七）总计" in html and "勾稽关系" in html
    assert table_csv(table).startswith("key,项目")


def test_report_command(services, year_register, tmp_path):
    services.register.close()
    result = CliRunner().invoke(cli_group(services.config.home), ["report", "--year", "2024", "--out",
                                                                   str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert [line.rsplit("/", 1)[-1] for line in result.stdout.splitlines()] == [
        "annual-report-2024.xlsx", "annual-report-2024.csv", "annual-report-2024.html"]
    assert "没有申请人类别" in result.stderr


def test_report_for_a_year_without_data_says_so(services, year_register, tmp_path):
    services.register.close()
    result = CliRunner().invoke(cli_group(services.config.home), ["report", "--year", "2019", "--out",
                                                                   str(tmp_path / "r")])
    assert result.exit_code == 0 and "2019年：登记库中没有该年度的政府信息公开申请" in result.stderr


def test_report_command_refuses_an_inconsistent_register(services, year_register):
    services.register.add_event(year_register["petition"], "replied", detail={"on": "2024-04-01", "outcome": "予以公开"})
    services.register.close()
    result = CliRunner().invoke(cli_group(services.config.home), ["report", "--year", "2024"])
    assert result.exit_code == 1
    assert "表格不平衡" in result.stderr and "Traceback" not in result.output
    assert not (services.config.outbox / "report").exists()


def test_a_copy_sent_again_before_the_answer_is_one_application_and_asking_after_it_is_another(services):
    register, calendar = services.register, services.calendar
    first = add_document(register, calendar, received_on=d("2024-02-01"), status=Status.ACCEPTED,
                         applicant=person("丙"), sha256="c" * 64)
    add_document(register, calendar, received_on=d("2024-02-05"), status=Status.DUPLICATE, applicant=person("丙"),
                 sha256="d" * 64, duplicate_of="c" * 64)                            # the same letter by fax
    register.add_event(first, "replied", detail={"on": "2024-03-01", "outcome": "予以公开"})
    again = add_document(register, calendar, received_on=d("2024-04-10"), status=Status.DUPLICATE,
                         applicant=person("丙"), sha256="e" * 64, duplicate_of="c" * 64)   # asked again
    register.add_event(again, "replied", detail={"on": "2024-04-20", "outcome": "不予处理.2"})
    table = annual_table(register, 2024)
    assert table.value("received", "total") == 2
    assert table.value("不予处理.2", "total") == 1 and table.value("予以公开", "total") == 1


def test_the_table_counts_the_decision_the_reply_letter_was_drafted_from(services):
    """A decision names its letter and its row; the report reads the decision of the `replied` event."""
    from intake.office.actions import record_reply
    from tests.helpers import add_document as add
    first = add(services.register, services.calendar, received_on=d("2024-03-01"), status=Status.ACCEPTED,
                applicant=person("甲"))
    second = add(services.register, services.calendar, received_on=d("2024-03-04"), status=Status.ACCEPTED,
                 applicant=person("乙"))
    not_ours = record_reply(services, first, "2024-03-20", "36.5", actor="clerk", today=d("2024-12-31"))
    refused = record_reply(services, second, "2024-03-21", "36.3.4", actor="clerk", today=d("2024-12-31"))
    assert (not_ours.kind, refused.kind) == ("not_ours", "withheld")
    table = annual_table(services.register, YEAR)
    assert table.value("无法提供.1", "individual") == 1           # Art. 36 (五) counts as 本机关不掌握
    assert table.value("不予公开.4", "individual") == 1 and table.value("results_total", "total") == 2
