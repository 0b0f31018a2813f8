"""Routing, including Article 39: action sought on an application form is not an application."""
import pytest

from intake.classifiers.route.rules import classify
from intake.kernel.model import Route

APPLICATION = """政府信息公开申请书
某市市场监督管理局：
申请人：孙一，居民身份证号码：110101199003070011，联系电话：13900000000。
现向你局申请公开以下政府信息：
2024年度本县餐饮服务单位食品安全量化分级评定结果。
希望以纸质形式邮寄给我。"""

ASKS_FOR_OWN_COMPLAINT_RESULT = """政府信息公开申请表
所需信息内容描述
本人2024年3月投诉某商家销售过期食品一案的处理结果及告知书
获取信息的方式
☑邮寄"""

COMPLAINT_ON_A_FORM = """政府信息公开申请书
申请人：周二，联系电话：13900000001。
申请事项：本人在某电器商城购买冰箱一台，使用一周后不制冷，商家拒绝退换。
现申请你局责令该商城为本人办理退货退款，并赔偿本人损失。"""

PETITION = """关于请求解决拖欠补偿款问题的信
尊敬的局领导：
我是某镇村民，三年前因道路拓宽被拆除门面，至今补偿款未到位。我多次反映无果，恳请领导为我做主，尽快解决问题，给我一个说法。
反映人：吴三"""

COMPLAINT = """投诉书
投诉人：郑四，电话：13900000002
被投诉人：某某健身会所
我于今年办理年卡后会所突然停业，要求退还剩余会费，请市场监管部门组织调解。"""

REPORT = """举报信
我要举报：某小区门口有人长期无照经营烧烤摊，涉嫌违法经营，油烟扰民，请依法查处。"""

CONSULTATION = """咨询函
您好，我想请问个体工商户办理注销需要准备哪些材料？是在网上办理还是到窗口办理？谢谢。"""

INVOICE = """增值税普通发票
发票代码：012345678901 发票号码：00001234 开票日期：2025年1月2日
价税合计：壹佰元整"""

MEETING = """关于召开年度会员大会的通知
各会员单位：
经研究，定于下月召开会员代表大会，请各单位派员参会并于本周内报送回执。"""


@pytest.mark.parametrize("text, route", [
    (APPLICATION, Route.APPLICATION),
    (ASKS_FOR_OWN_COMPLAINT_RESULT, Route.APPLICATION),
    (PETITION, Route.PETITION),
    (COMPLAINT, Route.COMPLAINT),
    (REPORT, Route.REPORT),
    (CONSULTATION, Route.CONSULTATION),
    (INVOICE, Route.OTHER),
    (MEETING, Route.OTHER),
])
def test_route(text, route):
    assert classify(text).route == route


def test_article_39_complaint_written_as_an_application():
    result = classify(COMPLAINT_ON_A_FORM, request_text="现申请你局责令该商城为本人办理退货退款，并赔偿本人损失。")
    assert result.route == Route.COMPLAINT
    assert result.marked
    assert any("Art. 39" in reason for reason in result.reasons)


def test_information_request_mentioning_a_complaint_stays_an_application():
    result = classify(ASKS_FOR_OWN_COMPLAINT_RESULT, request_text="本人2024年3月投诉某商家销售过期食品一案的处理结果及告知书")
    assert result.route == Route.APPLICATION


def test_marked_only_by_the_heading_or_subject():
    assert classify(APPLICATION).marked
    assert not classify("申请书\n现申请公开以下信息：某某名单").marked
    assert classify("正文", subject="政府信息公开申请").marked


def test_reasons_name_the_cues():
    assert any("举报" in reason for reason in classify(REPORT).reasons)


@pytest.mark.parametrize("header", [
    "MAR-11-2025 09:18  FROM:06355189626  TO:06358519810  某律师事务所  P.1/2",
    "2025-04-27  08:56   186****0245   某复印部        P.01",
    "04/29/2025 17:52  0635 8213907  图文快印  #3391  PAGE 1 OF 2",
    "2025年11月18日 08:41   发自：某研究所   传真号：0635-2337731   第1页/共3页",
])
def test_a_fax_machines_transmit_line_means_fax(header):
    from intake.classifiers.channel import detect_channel, without_transmit_lines
    from intake.kernel import Channel, FileKind
    text = f"{header}\n政府信息公开申请书\n申请人：张三"
    assert detect_channel(FileKind.TIFF, False, False, text) == Channel.FAX
    assert without_transmit_lines(text) == "政府信息公开申请书\n申请人：张三"


def test_a_meeting_time_in_a_letter_is_not_a_fax_header():
    from intake.classifiers.channel import detect_channel
    from intake.kernel import Channel, FileKind
    assert detect_channel(FileKind.PNG, False, False, "通知\n会议于2025年3月10日上午9:00召开") == Channel.LETTER


@pytest.mark.parametrize("text, channel", [
    ("政府信息公开申请登记表\n（窗口代填）\n申请人：李四", "in_person"),
    ("政府信息公开申请表（在线提交）\n系统受理号：X-1", "online"),
])
def test_counter_forms_and_online_printouts(text, channel):
    from intake.classifiers.channel import detect_channel
    from intake.kernel import FileKind
    assert detect_channel(FileKind.PNG, False, False, text) == channel


def test_a_counter_form_anywhere_on_the_page_means_in_person():
    from intake.classifiers.channel import detect_channel
    from intake.classifiers.route.rules import is_marked
    from intake.kernel import Channel, FileKind
    text = ("聊城市市场监督管理局\n政府信息公开申请登记表（窗口）\n受理编号\n2025-CK-031\n受理日期\n2025年4月29日\n"
            "申请人姓名或名称\n魏某\n申请方式\n☑当面提交 □口头提出\n受理人\n李某")
    assert detect_channel(FileKind.PNG, False, False, text) == Channel.IN_PERSON
    assert is_marked(text)
    mailed = "政府信息公开申请表\n提交方式：□当面提交 ☑邮寄\n申请人：赵某"
    assert detect_channel(FileKind.PNG, False, False, mailed) == Channel.LETTER
