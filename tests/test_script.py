"""Scripts: traditional glyphs misread on a simplified page are put back; a traditional-script letter is
understood through a simplified copy and its values are recorded as written."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from intake.cli import main
from intake.ocr.corrections import simplify_variants
from intake.ocr.script import is_traditional, to_simplified
from tests.helpers import parse_jsonl

HONG_KONG_LETTER = (
    "政府信息公開申請書\n聊城市市場監督管理局：\n"
    "申請人：陳嘉欣，港澳居民來往內地通行證號碼：H10387265，電子郵件：chan.kayan@example.com，\n"
    "通訊地址：香港九龍旺角彌敦道612號好望角大廈14樓B室。\n"
    "現申請公開以下政府信息：\n貴局於2024年對聊城恒昌食品有限公司作出之行政處罰決定書全文。\n"
    "請以電子郵件方式發送。\n此致\n敬禮\n陳嘉欣\n")


def test_a_simplified_page_read_with_traditional_glyphs_is_simplified():
    read = "我叫赵秀蘭，身份證號371502196607214243，家住東昌府区柳园街道向陽小區12號樓，听说你们去查了"
    assert simplify_variants(read).startswith("我叫赵秀兰，身份证号371502196607214243，家住东昌府区柳园街道向阳小区12号楼")


def test_a_traditional_page_is_left_as_written():
    assert is_traditional(HONG_KONG_LETTER)
    assert simplify_variants(HONG_KONG_LETTER) == HONG_KONG_LETTER
    assert len(to_simplified(HONG_KONG_LETTER)) == len(HONG_KONG_LETTER)


def test_a_traditional_letter_is_understood_and_recorded_as_written(home: Path, tmp_path: Path):
    letter = tmp_path / "hk.txt"
    letter.write_text(HONG_KONG_LETTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "process", "--json", "--received-on", "2025-04-01",
                                       str(letter)])
    [record] = parse_jsonl(result.stdout)
    assert record["route"] == "application" and record["status"] == "accepted", record["missing"]
    applicant = record["applicant"]
    assert applicant["name"] == "陳嘉欣" and applicant["id_number"] == "H10387265"
    assert applicant["address"].startswith("香港九龍旺角彌敦道612號")
    assert record["request"]["description"].startswith("貴局於2024年對聊城恒昌食品有限公司作出之行政處罰決定書")
    assert record["delivery"]["methods"] == ["email"]
    assert "貴局於2024年" in record["text"]             # the record keeps the text as written


def test_a_fax_header_on_a_simplified_letter_does_not_disturb_its_values():
    from intake.classifiers.understand import understand
    letter = ("MAR-11-2025 09:18  FROM:06355189626  TO:06358519810  P.1/2\n政府信息公开申请书\n"
              "申请人：张立新，联系电话：13912345678，住址：聊城市莘县燕塔街道振兴路88号。\n"
              "现申请公开以下政府信息：\n2025年第二季度在用电梯监督抽查结果通报。\n请邮寄纸质件。\n")
    result = understand(letter, written=letter)
    assert result.extraction is not None and result.extraction.applicant.name == "张立新"
    assert result.extraction.applicant.address == "聊城市莘县燕塔街道振兴路88号"
