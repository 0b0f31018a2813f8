"""Every letter the Regulations require, drafted from a record (intake.letters): its wording, the
article it cites, the applicant's request, the dates, the remedies, A4 in the 公文 layout, the
numbers per series and year, the office's own templates and the start-up check."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from intake.config import Config, LetterSettings, load_config, write_default_config
from intake.kernel import Applicant, Channel, Delivery, Medium, Method, Missing, Record, Request, Route, Status
from intake.letters import LetterKind, LetterRequest, LetterTemplateError, check_letters, draft_letter
from intake.letters.fonts import choose_fonts
from intake.register import Register
from intake.register.letters import LetterBook

RECEIVED = dt.date(2026, 3, 2)
DATED = dt.date(2026, 3, 20)
REQUEST = "2025年度餐饮服务单位食品安全量化分级评定结果"


def _record(**changes: object) -> Record:
    values: dict[str, object] = dict(
        source="scan.png", sha256="a" * 64, channel=Channel.LETTER, marked=True, route=Route.APPLICATION,
        status=Status.ACCEPTED,
        applicant=Applicant(kind="person", category="individual", name="李三", id_type="resident_id",
                            id_number="360426199101010071", address="聊城市东昌府区柳园路88号", postcode="252000"),
        request=Request(description=REQUEST, doc_numbers=("聊市监发〔2025〕12号",)),
        delivery=Delivery(media=(Medium.PAPER,), methods=(Method.POST,)), missing=(), received_on=RECEIVED,
        correction_due=None, reply_due=dt.date(2026, 3, 30), duplicate_of=None, confidence=0.9, text="", error=None)
    values.update(changes)
    return Record(**values)  # type: ignore[arg-type]


def _text(row_files: tuple[str, ...]) -> str:
    txt = next(Path(name) for name in row_files if name.endswith(".txt"))
    docx = next(Path(name) for name in row_files if name.endswith(".docx"))
    body = "\n".join(paragraph.text for paragraph in Document(str(docx)).paragraphs)
    text = txt.read_text(encoding="utf-8")
    assert body.replace("\n", "") == text.replace("\n", "").replace("　", "")   # the same letter twice
    return body


# kind → what its text must say: the decision's words, the article cited, and whether the remedies
# are the 复议前置 kind (行政复议法 2023 Art. 23(四)), the ordinary kind, or none (a step, not a decision).
EXPECTED: dict[LetterKind, tuple[str, str, str | None]] = {
    LetterKind.CORRECTION: ("未写明申请人的身份证明", "第三十条", None),
    LetterKind.EXTENSION: ("答复期限延长二十个工作日", "第三十三条第二款", None),
    LetterKind.EXPLAIN: ("说明申请理由", "第三十五条", None),
    LetterKind.NOT_HANDLED: ("不予处理", "第三十五条", "ordinary"),
    LetterKind.PUBLISHED: ("已经本机关主动公开", "第三十六条第一项", "ordinary"),
    LetterKind.DISCLOSED: ("属于可以公开的政府信息", "第三十六条第二项", "ordinary"),
    LetterKind.WITHHELD: ("本机关决定不予公开", "第三十六条第三项、第十四条", "first"),
    LetterKind.NOT_EXIST: ("该政府信息不存在", "第三十六条第四项", "ordinary"),
    LetterKind.NOT_OURS: ("聊城市东昌府区市场监督管理局", "第三十六条第五项", "ordinary"),
    LetterKind.REPEAT: ("不予重复处理", "第三十六条第六项", "ordinary"),
    LetterKind.REGISTRATION: ("工商、不动产登记资料", "第三十六条第七项", "ordinary"),
    LetterKind.PARTIAL: ("能够作区分处理", "第三十七条", "first"),
    LetterKind.REPLY: ("需要本机关对现有政府信息进行加工、分析", "第三十八条", "ordinary"),
    LetterKind.NOT_APPLICATION: ("不作为政府信息公开申请处理", "第三十九条第一款", "ordinary"),
    LetterKind.PUBLICATION: ("公开出版物", "第三十九条第二款", "ordinary"),
    LetterKind.EMAIL_CHANNEL: ("不受理政府信息公开申请", "第二十八条", None),
}
REQUESTS: dict[LetterKind, LetterRequest] = {
    LetterKind.EXTENSION: LetterRequest(LetterKind.EXTENSION, details={"reason": "需征求第三方意见",
                                                                      "original_reply_due_zh": "2026年3月30日"}),
    LetterKind.WITHHELD: LetterRequest(LetterKind.WITHHELD, decision_code="36.3.1", article="第三十六条第三项、第十四条",
                                       ground="属于国家秘密"),
    LetterKind.NOT_OURS: LetterRequest(LetterKind.NOT_OURS, details={"responsible_agency": "聊城市东昌府区市场监督管理局",
                                                                    "responsible_contact": "0635-8888888"}),
    LetterKind.REPLY: LetterRequest(LetterKind.REPLY, decision_code="38", article="第三十八条",
                                    ground="所申请的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供"),
}


@pytest.mark.parametrize("kind", list(LetterKind))
def test_each_letter_kind_says_its_outcome_cites_its_article_quotes_the_request_and_gives_redress(
        tmp_path: Path, kind: LetterKind) -> None:
    config = Config(home=tmp_path)
    register = Register(config.database)
    record = _record(status=Status.NEEDS_CORRECTION, missing=(Missing.APPLICANT_ID,), reply_due=None,
                     correction_due=dt.date(2026, 3, 11)) if kind is LetterKind.CORRECTION else _record()
    if kind is LetterKind.NOT_APPLICATION:
        record = _record(route=Route.COMPLAINT, status=Status.ROUTED, request=None, reply_due=None,
                         text="投诉书\n我在某超市买到过期牛奶，要求退一赔十。")
    letter = draft_letter(config, register, 7, record, REQUESTS.get(kind, LetterRequest(kind)), actor="clerk", on=DATED)
    text = _text(letter.files)
    wording, article, redress = EXPECTED[kind]
    assert wording in text and article in text
    assert "李三：" in text and "2026年3月2日" in text and "2026年3月20日" in text
    assert (REQUEST in text) if kind is not LetterKind.NOT_APPLICATION else ("过期牛奶" in text and "12315" in text)
    assert letter.reference in text and letter.reference.endswith("〔2026〕第1号")
    assert "聊城市市场监督管理局" in text.splitlines()[0]
    if redress is None:
        assert "行政复议" not in text
    else:
        assert "聊城市人民政府" in text and "0635-8288203" in text and "六十日内" in text
        assert "局机关党委" in text and "0635-8536125" in text
        if redress == "first":     # 行政复议法 Art. 23(四): a refusal to disclose goes to 复议 first
            assert "应当自收到本告知书之日起六十日内" in text and "第二十三条第一款第四项" in text
            assert "六个月内" not in text
        else:                      # 行政复议法 Art. 20 and 行政诉讼法 Art. 46
            assert "六个月内向聊城市东昌府区人民法院" in text and "提起行政诉讼" in text and "0635-8939308" in text
    section = Document(next(name for name in letter.files if name.endswith(".docx"))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)     # A4, not Letter
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)       # GB/T 9704 §5.2.1


def test_the_correction_notice_names_only_the_missing_items_and_offers_email_to_an_emailed_application(
        tmp_path: Path) -> None:
    config = Config(home=tmp_path)
    register = Register(config.database)
    record = _record(status=Status.NEEDS_CORRECTION, channel=Channel.EMAIL, missing=(Missing.APPLICANT_ID,))
    text = _text(draft_letter(config, register, 3, record, LetterRequest(LetterKind.CORRECTION), actor="c",
                              on=DATED).files)
    assert "申请人的身份证明" in text and "申请内容不明确" not in text
    assert "请提供能够送达的通信地址" not in text and "载体形式" not in text
    assert "发送电子邮件至lczj_bgs@lc.shandong.cn" in text and "当面提交" in text and "邮寄至" in text
    vague = _record(status=Status.NEEDS_CORRECTION, missing=(Missing.REQUEST_DESCRIPTION,))
    text = _text(draft_letter(config, register, 4, vague, LetterRequest(LetterKind.CORRECTION), actor="c",
                              on=DATED).files)
    assert "申请内容不明确" in text and "电子邮件至" not in text      # it came by letter


def test_numbers_count_per_series_and_year_and_a_redraft_keeps_its_number_until_sent(tmp_path: Path) -> None:
    config = Config(home=tmp_path)
    register = Register(config.database)
    record = _record()
    first = draft_letter(config, register, 1, record, LetterRequest(LetterKind.DISCLOSED), actor="c", on=DATED)
    second = draft_letter(config, register, 2, record, LetterRequest(LetterKind.WITHHELD), actor="c", on=DATED)
    notice = draft_letter(config, register, 2, record, LetterRequest(LetterKind.EXTENSION), actor="c", on=DATED)
    assert [first.reference, second.reference, notice.reference] == [
        "聊市监依复〔2026〕第1号", "聊市监依复〔2026〕第2号", "聊市监依延〔2026〕第1号"]
    redrafted = draft_letter(config, register, 1, record, LetterRequest(LetterKind.PARTIAL), actor="c", on=DATED)
    assert (redrafted.id, redrafted.reference, redrafted.kind) == (first.id, first.reference, "partial")
    assert not any(Path(name).exists() for name in first.files)        # the replaced draft's files are gone
    assert all(Path(name).exists() for name in redrafted.files)
    LetterBook(register).mark_sent(first.id, on=DATED, way="post", actor="c")
    after_sending = draft_letter(config, register, 1, record, LetterRequest(LetterKind.DISCLOSED), actor="c", on=DATED)
    assert after_sending.reference == "聊市监依复〔2026〕第3号"
    next_year = draft_letter(config, register, 3, record, LetterRequest(LetterKind.DISCLOSED), actor="c",
                             on=dt.date(2027, 1, 4))
    assert next_year.reference == "聊市监依复〔2027〕第1号"
    kinds = [event.detail["kind"] for event in register.events(1, "letter_drafted")]
    assert kinds == ["disclosed", "partial", "disclosed"]          # every draft is in the audit trail


def test_numbers_follow_the_prefixes_set_in_intake_toml(tmp_path: Path) -> None:
    write_default_config(tmp_path)
    config_file = tmp_path / "intake.toml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace('agency_code = "聊市监"', 'agency_code = "聊市监局"')
                           .replace('correction = "依补"', 'correction = "公补"\nwithheld = "不公"')
                           .replace('number_format = "{agency_code}{series}〔{year}〕第{number}号"',
                                    'number_format = "{agency_code}{series}〔{year}〕{number:03d}号"'),
                           encoding="utf-8")
    config = load_config(tmp_path)
    register = Register(config.database)
    withheld = draft_letter(config, register, 1, _record(), LetterRequest(LetterKind.WITHHELD), actor="c", on=DATED)
    notice = draft_letter(config, register, 2, _record(), LetterRequest(LetterKind.CORRECTION), actor="c", on=DATED)
    assert (withheld.reference, notice.reference) == ("聊市监局不公〔2026〕001号", "聊市监局公补〔2026〕001号")


def test_the_offices_template_in_home_replaces_the_packaged_one(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "letters"
    folder.mkdir(parents=True)
    (folder / "not_exist.txt").write_text("= 查无此信息告知书\n~ ${letter_number}\n| ${applicant_name}：\n"
                                          "经本局检索，没有“${request_quote}”。\n${remedies}\n", encoding="utf-8")
    config = Config(home=tmp_path)
    letter = draft_letter(config, Register(config.database), 1, _record(), LetterRequest(LetterKind.NOT_EXIST),
                          actor="c", on=DATED)
    text = _text(letter.files)
    assert text.startswith("查无此信息告知书") and f"经本局检索，没有“{REQUEST}" in text
    assert str(folder / "not_exist.txt") in check_letters(config)


@pytest.mark.parametrize("template, complaint", [
    ("= 告知书\n~ ${letter_number}\n| ${applicant_name}：\n${reason}${decison}\n${remedies}\n", "decison"),
    ("= 告知书\n~ ${letter_number}\n| ${applicant_name}：\n费用 $5\n${remedies}\n", "占位符"),
    ("= 告知书\n| ${applicant_name}：\n${reason}\n${remedies}\n", "letter_number"),
    ("= 告知书\n~ ${letter_number}\n| ${applicant_name}：\n${reason}，不予公开。\n", "remedies"),
    ("~ ${letter_number}\n| ${applicant_name}：\n${reason}\n${remedies}\n", "标题"),
])
def test_a_broken_office_template_is_refused_at_start_up_with_the_file_named(
        tmp_path: Path, template: str, complaint: str) -> None:
    folder = tmp_path / "templates" / "letters"
    folder.mkdir(parents=True)
    (folder / "withheld.txt").write_text(template, encoding="utf-8")
    with pytest.raises(LetterTemplateError) as raised:
        check_letters(Config(home=tmp_path))
    assert str(folder / "withheld.txt") in str(raised.value) and complaint in str(raised.value)


def test_an_unknown_letter_kind_in_the_series_table_is_refused(tmp_path: Path) -> None:
    config = Config(home=tmp_path, letters=LetterSettings(series=(("withheldd", "不公"),)))
    with pytest.raises(LetterTemplateError, match="withheldd"):
        check_letters(config)


def test_fonts_are_the_standards_where_installed_else_the_installed_cjk_serif() -> None:
    standard = choose_fonts(installed=frozenset({"方正小标宋简体", "仿宋_GB2312", "Noto Serif CJK SC"}))
    assert (standard.title, standard.body, standard.title_bold) == ("方正小标宋简体", "仿宋_GB2312", False)
    fallback = choose_fonts(installed=frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC"}))
    assert (fallback.title, fallback.body, fallback.title_bold) == ("Noto Serif CJK SC", "Noto Serif CJK SC", True)
    assert choose_fonts("华文中宋", "楷体", installed=frozenset()).body == "楷体"


def test_watch_and_review_refuse_to_start_with_a_broken_template(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from intake.cli import main
    folder = tmp_path / "templates" / "letters"
    folder.mkdir(parents=True)
    (folder / "repeat.txt").write_text("= 告知书\n~ ${letter_number}\n| ${applicant_name}：${earlier_replyy}\n",
                                       encoding="utf-8")
    for command in (["watch", "--once"], ["review", "--port", "0"]):
        result = CliRunner().invoke(main, ["--home", str(tmp_path), *command])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "文书模板有误，未启动" in result.output and "earlier_replyy" in result.output
