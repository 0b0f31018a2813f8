"""Letters as people really write them: dialect pronouns, no punctuation, the ask in the middle,
and forms whose request cell demands action instead of asking for information (Art. 39)."""
from intake.classifiers.clauses.segment import clauses
from intake.classifiers.route.rules import is_marked
from intake.classifiers.nlp import run
from intake.classifiers.understand import default_pipeline, understand
from intake.classifiers.agency import AgencyFacts
from intake.kernel import Route
from intake.kernel.model import EmailMeta

# Invented for these tests; the writer does not punctuate and says 俺/恁.
DIALECT = ("政府信息公开申请\n市场监督管理局：\n俺是阳谷县安乐镇东街村的马秀兰 前年俺在集上买的种子不出苗 "
           "听说恁局里查过那个种子店俺就想要恁对那个种子店作出的行政处罚决定书 要一份看看\n"
           "俺的身份证号是371521197002030026 电话13500002222\n材料寄到家 要纸的 地址阳谷县安乐镇东街村 邮编252300\n马秀兰\n")


def test_dialect_letter_is_read_and_its_values_kept_as_written():
    result = understand(DIALECT)
    assert result.classification.route == Route.APPLICATION
    applicant = result.extraction.applicant
    assert applicant.name == "马秀兰"
    assert applicant.address == "阳谷县安乐镇东街村"
    assert applicant.postcode == "252300"
    description = result.extraction.request.description
    assert description and "行政处罚决定书" in description and "恁" in description   # as written


def test_a_long_unpunctuated_run_is_split_where_the_writer_starts_again():
    text = ("我是某村的村民今年七十了 眼睛不好 去年我在镇上的店里买了几袋化肥地里的麦子全都黄了后来听说有人查过"
            "我就想要你们对那个店作出的处理决定书看看到底怎么定的")
    parts = [clause.text for clause in clauses(text)]
    assert any(part.startswith("我就想要") for part in parts)
    assert all(text[c.span[0]:c.span[1]] == c.text for c in clauses(text))


def test_request_cell_that_demands_a_refund_is_a_complaint_even_on_the_form():
    form = ("政府信息公开申请表\n姓名\n韩小雨\n证件号码\n371502199001010013\n联系电话\n13500003333\n"
            "所需信息内容描述\n我在某健身房办了年卡，现在健身房关门了，剩下的三千元不给退。要求你们让老板把钱退给我。\n"
            "获取信息方式\n☑邮寄\n")
    result = understand(form)
    assert result.classification.route == Route.COMPLAINT
    assert result.classification.marked


def test_request_cell_that_asks_for_records_stays_an_application():
    form = ("政府信息公开申请表\n姓名\n韩小雨\n证件号码\n371502199001010013\n联系电话\n13500003333\n"
            "所需信息内容描述\n贵局2024年对某健身房作出的行政处罚决定书\n获取信息方式\n☑邮寄\n")
    assert understand(form).classification.route == Route.APPLICATION


# A form of the office's own design; {label} and {cell} are the request's.
FORM = ("政府信息公开申请表\n姓名\n邹春梅\n证件号码\n371502199001010013\n联系电话\n13500003333\n"
        "{label}\n{cell}\n获取方式\n☑当面领取\n")


def test_a_request_cell_written_as_one_long_demand_is_read_comma_by_comma():
    # One sentence whose last words ask for the outcome: the demand before them decides (Art. 39).
    form = FORM.format(label="申请公开的信息内容", cell="申请人口述：反映东阿县铜城路一家烧烤店用地沟油，要求立即派人检查处罚，结果告诉我。")
    result = understand(form)
    assert result.classification.route in (Route.REPORT, Route.COMPLAINT)
    assert result.classification.marked


def test_a_request_cell_that_lists_records_comma_by_comma_stays_an_application():
    form = FORM.format(label="申请公开的信息内容",
                       cell="2025年茌平区农贸市场计量器具专项检查的检查记录，被查扣秤具的清单，以及对相关商户的处理决定")
    assert understand(form).classification.route == Route.APPLICATION


def test_a_request_cell_that_asks_for_an_explanation_is_a_consultation():
    form = FORM.format(label="申请内容", cell="请解释网店没有办营业执照被罚款的法律依据是什么，是不是所有网店都要办。")
    assert understand(form).classification.route == Route.CONSULTATION


def test_a_wrapped_label_is_not_read_as_a_vague_request():
    # 申请公开的政府 / 信息 over two lines, above a report: the label asks for nothing.
    form = FORM.format(label="申请公开的政府\n信息",
                       cell="举报阳谷县狮子楼路一家饭店后厨老鼠乱窜、用过期食材，请贵局调查核实后依法查处，并将处理结果告知本人。"
                       ).replace("获取方式\n☑当面领取", "信息提供形式及\n获取方式")
    result = understand(form)
    assert result.classification.route == Route.REPORT
    doc = run(default_pipeline(), form, email=None, agency=AgencyFacts(), marked=True)
    roles = dict(doc._.clauses)
    assert roles["申请公开的政府"] == {"other": 1.0} and roles["信息提供形式及"] == {"other": 1.0}


def test_headings_that_name_the_application_in_other_words_are_marked():
    for heading in ("政府信息公开申请函", "政府信息公开申请（当面提交）受理单", "政府信息公开申请回执"):
        assert is_marked(f"{heading}\n正文")
    assert not is_marked("关于政府信息公开申请的答复\n正文")


def test_the_signature_under_a_wrapped_line_stays_the_writers_name():
    letter = ("政府信息公开申请\n市场监督管理局：\n我是某县某镇某村的村民，上个月你们在集上查了一车化肥，我想要你们对卖化肥的那个人作出的处理决定\n"
              "身份证号：371525195804171289\n电话：13500004444\n材料要纸的，给我寄到家，地址：某县某镇某村 邮编252500，谢谢你们了\n"
              "赵春花\n2025年11月15日\n")
    assert understand(letter).extraction.applicant.name == "赵春花"


def test_the_way_wanted_is_not_part_of_the_request():
    letter = ("政府信息公开申请\n本人江小北，公民身份号码371525198808187628，现申请公开某县2025年度烟花爆竹零售点抽检结果，请提供纸质复印件。\n"
              "江小北\n2026年4月1日\n")
    result = understand(letter)
    assert result.extraction.request.description == "某县2025年度烟花爆竹零售点抽检结果"
    assert [m.value for m in result.extraction.delivery.media] == ["paper"]


def test_an_online_platforms_banner_marks_the_printout_and_its_channel():
    from intake.classifiers.channel import detect_channel
    from intake.kernel.model import Channel, FileKind
    text = "某省政府信息公开申请平台·申请详情\n受理单位：某某局\n申请人姓名\n王五\n打印时间：2026-01-20 08:47:13\n"
    assert is_marked(text)
    assert detect_channel(FileKind.PDF, False, False, text) == Channel.ONLINE
    assert not is_marked("政府信息公开申请办理流程\n正文")


def test_a_ticked_pickup_is_not_a_counter_submission():
    from intake.classifiers.channel import detect_channel
    from intake.kernel.model import Channel, FileKind
    text = "政府信息公开申请表\n获取方式：□邮寄 □电子邮件 ☑当面领取 □现场查阅\n"
    assert detect_channel(FileKind.PNG, False, False, text) == Channel.LETTER
    assert detect_channel(FileKind.PNG, False, False, "提交方式\n☑当面提交\n") == Channel.IN_PERSON


def test_a_question_about_a_rule_that_names_a_refund_is_a_consultation():
    letter = ("政府信息公开申请\n某某局：\n我想请问：消费者已经退货的商品，经营者的违法所得还要不要按原价计算？网店的标价和成交价不一样时按哪个算？\n"
              "请给予解释。\n李四\n")
    assert understand(letter).classification.route == Route.CONSULTATION


def test_an_english_application_by_fax():
    letter = ("Application for Disclosure of Government Information\n政府信息公开申请\nApplicant: Maria Rossi\n"
              "Passport No.: YA1234567 (Italy)\nAddress: Via Roma 12, 20121 Milano, Italy\nTel: +39 333 123 4567\n"
              "I hereby request the following information:\n1. The 2024 inspection results of imported olive oil in the city;\n"
              "2. The list of importers inspected.\nPurpose: to check our products.\nPlease send electronic copies by e-mail to maria@example.it.\n"
              "Maria Rossi\n")
    result = understand(letter)
    assert result.classification.route == Route.APPLICATION
    assert result.extraction.applicant.name == "Maria Rossi"
    description = result.extraction.request.description
    assert "olive oil" in description and "importers inspected" in description and "Purpose" not in description
    assert [m.value for m in result.extraction.delivery.methods] == ["email"]


def test_a_refund_demanded_through_a_petitions_wording_is_a_complaint():
    letter = ("投诉：培训班停课，学费退不了\n同志你好：\n我去年在某培训学校给孩子报了一年的课，交了6000元，上了两个月学校就关门了。\n"
              "我的诉求：请你们出面找到学校的老板，组织调解，把剩下的学费退给我。\n周一鸣\n电话：13500005555\n")
    assert understand(letter).classification.route == Route.COMPLAINT


def test_what_follows_the_colon_of_an_asking_clause_is_the_request():
    letter = ("您好！\n我是温秀兰，身份证371502199001010013，想跟你们要一份东西：去年我们镇农贸市场的抽检结果。\n"
              "请邮寄给我，电话13500003333，地址茌平区振兴街道后王村12号。\n")
    meaning = understand(letter, email=EmailMeta("政府信息公开申请", "温秀兰", "wxl@163.com", None))
    assert meaning.extraction.request.description == "去年我们镇农贸市场的抽检结果"


def test_what_i_want_is_names_the_request_and_an_address_after_a_colon_does_not():
    letter = ("政府信息公开申请\n市场监督管理局：\n我是东阿县姚寨镇前街村的柳玉珍，身份证号371524195507160027，电话13500003333。\n"
              "我要的是你们上个月在姚寨集上查扣那批假种子的处理决定\n材料要纸的 给我寄到家 地址：东阿县姚寨镇前街村\n")
    request = understand(letter).extraction.request
    assert request.description == "你们上个月在姚寨集上查扣那批假种子的处理决定"


def test_i_want_names_the_request_up_to_where_the_writer_speaks_of_himself_again():
    letter = ("申请书\n市场监督管理局的领导：\n俺叫葛春来，是莘县的老百姓。\n"
              "俺想要去年夏天你们查俺们镇上“福来”饭店那一回，给这个饭店下的处罚决定书，俺在那吃坏了肚子，想看看咋处理的。\n"
              "麻烦你们打印成纸的，邮寄给俺。\n俺的身份证号：371502199001010013\n电话：13500003333\n")
    request = understand(letter).extraction.request
    assert request.description == "去年夏天你们查俺们镇上“福来”饭店那一回，给这个饭店下的处罚决定书"


def test_asking_whether_a_cited_document_is_still_in_force_is_not_an_application():
    letter = ("主题：政府信息公开申请\n领导您好：\n请问贵局《关于食品小作坊登记管理的暂行办法》（聊市监字〔2016〕12号）"
              "现在是否仍然有效？我们村里办作坊还在按这个办，想确认一下，请给予答复。\n葛春来\n")
    meaning = understand(letter, email=EmailMeta("政府信息公开申请", "葛春来", "gcl@163.com", None))
    assert meaning.classification.route == Route.CONSULTATION
