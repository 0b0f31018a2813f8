"""Writers outside the mainland's habits: Hong Kong firms, foreign people writing in English,
counter forms with empty cells. Texts invented for these tests."""
from intake.classifiers.fields.pairs import read_pairs
from intake.classifiers.understand import understand
from intake.kernel import Route


def test_a_label_glued_onto_a_number_opens_the_next_field():
    pairs = read_pairs("证件号码：55810342-000-11-24-7联络人：何嘉欣\n")
    assert [(p.field, p.value) for p in pairs] == [("id_number", "55810342-000-11-24-7"), ("contact_person", "何嘉欣")]


HONG_KONG_FIRM = """政府信息公开申请表
申请人姓名
九龙恒信物流有限公司 Hang Shun Logistics Limited
证件号码
55810342-000-11-24-7
联络人
何嘉欣
联系电话
+852 3105 7782
联系地址
香港新界荃湾杨屋道8号如心广场12楼
所需政府信息的名称、文号或其他特征描述
2025年聊城市对我公司进口冷链货物的检验检疫抽检结果通知书
信息获取方式
☑电子文档 □纸质
☑电子邮件 □邮寄
"""


def test_a_firm_named_in_two_scripts_in_a_persons_name_cell_is_the_applicant():
    meaning = understand(HONG_KONG_FIRM)
    applicant = meaning.extraction.applicant
    assert (applicant.kind, applicant.name) == ("organization", "九龙恒信物流有限公司 Hang Shun Logistics Limited")
    assert (applicant.id_type, applicant.id_number, applicant.contact_person) == ("other", "55810342-000-11-24-7", "何嘉欣")
    assert meaning.check.missing == ()


def test_a_credit_code_that_fails_its_check_is_no_proof_for_a_firm():
    text = HONG_KONG_FIRM.replace("55810342-000-11-24-7", "91371500MA3C4K7R2Q").replace(
        "九龙恒信物流有限公司 Hang Shun Logistics Limited", "聊城恒信物流有限公司")
    assert "applicant_id" in understand(text).check.missing


ENGLISH_LETTER = """Dear Sir or Madam,

I, Ingrid Solberg (passport no. P81K29X4, Norway), hereby apply for disclosure of the following information:
the 2025 sampling inspection results for frozen fish fillets sold by Liaocheng Haiyun Food Co., Ltd.

Please send the information as an electronic document to my e-mail address ingrid.solberg@nordfish.no.

Phone: +47 912 34 567
Address: Strandgata 14, 5013 Bergen, Norway

Yours faithfully,
Ingrid Solberg
Nordfish Trading AS
"""


def test_an_english_letter_gives_the_writer_her_passport_and_the_way_wanted():
    meaning = understand(ENGLISH_LETTER)
    assert meaning.classification.route == Route.APPLICATION
    applicant = meaning.extraction.applicant
    assert (applicant.kind, applicant.name) == ("person", "Ingrid Solberg")
    assert (applicant.id_type, applicant.id_number) == ("passport", "P81K29X4")
    delivery = meaning.extraction.delivery
    assert (delivery.media, delivery.methods) == (("electronic",), ("email",))


def test_a_company_line_under_the_signature_is_not_a_persons_name():
    text = ENGLISH_LETTER.replace("I, Ingrid Solberg (passport no. P81K29X4, Norway), hereby apply",
                                  "Passport P81K29X4. We hereby apply").replace("Ingrid Solberg\nNordfish", "Nordfish")
    assert understand(text).extraction.applicant.name != "Nordfish Trading AS"


COUNTER_FORM = """政府信息公开申请（窗口登记）
申请人姓名
贾玉兰
证件号码
{id}
联系电话
{phone}
通讯地址
{address}
申请公开的信息内
容
2025年东阿县“福满家”超市食用油抽检结果
载体形式
☑纸质 □电子文档
获取方式
☑当面领取 □邮寄
"""
ID = "371524195507160027"


def test_an_empty_address_cell_does_not_take_the_next_cells_label():
    meaning = understand(COUNTER_FORM.format(id=ID, phone="", address=""))
    assert meaning.extraction.applicant.address is None
    assert "applicant_contact" in meaning.check.missing


def test_a_postcode_in_brackets_after_the_address_is_the_postcode():
    text = COUNTER_FORM.format(id=ID, phone="15965401237", address="山东省聊城市东阿县铜城街道少岱山路17号(252200)")
    applicant = understand(text).extraction.applicant
    assert (applicant.address, applicant.postcode) == ("山东省聊城市东阿县铜城街道少岱山路17号", "252200")


def test_registration_and_passport_labels_name_the_proof_of_identity():
    for label in ("商业登记证号码", "注册编号", "护照号码", "Passport No"):
        pairs = read_pairs(f"{label}：EX7731046\n")
        assert [(p.field, p.value) for p in pairs] == [("id_number", "EX7731046")], label


FAXED_FORM = """2026-04-02 09:41 FROM:0635-6123480 TO:0635-8519810 P.01/02
传真封面
收件单位
市场监督管理局办公室
发件人
邵立群
发件传真/电话
0635-6123480
事由
政府信息公开申请
2026-04-02 09:42 FROM:0635-6123480 TO:0635-8519810 P.02/02
政府信息公开申请表
申请人姓名
聊城德衡企业管理咨询有限公司
联系人
邵立群
联系电话
13563587214
所需政府信息的名称、文号或其他特征描述
2025年度东昌府区电梯维护保养单位监督检查结果
"""


def test_a_fax_cover_sheet_is_not_part_of_the_application_it_carries():
    meaning = understand(FAXED_FORM)
    assert meaning.classification.marked
    applicant = meaning.extraction.applicant
    assert (applicant.name, applicant.contact_person, applicant.phone) == ("聊城德衡企业管理咨询有限公司", "邵立群", "13563587214")
    # 传真 on the cover says how it was sent, not how the answer is wanted.
    assert meaning.extraction.delivery.methods == ()


BILINGUAL_FORM = """Application for Disclosure of Government Information
政府信息公开申请表
Name 姓名
Aiko Tanaka
Nationality 国籍
Japan
ID document 证
件名称
Passport 护照
Number 证件号
码
TR4418207
Telephone 电话
+81 90 3321 7765
Address 通讯地
址
2-14-3 Shibuya Tokyo Japan
Information re
quested 申请公
开的信息
2025年聊城市进口化妆品监督抽检结果
Form 载体形式
□ Paper 纸质 ☑ Electronic 电子文档
Delivery 获取方
式
□ Post 邮寄 ☑ E-mail 电子邮件 □ Pick up 当面领取
"""


def test_a_bilingual_forms_wrapped_labels_are_read_by_their_chinese_words():
    meaning = understand(BILINGUAL_FORM)
    applicant = meaning.extraction.applicant
    assert (applicant.name, applicant.id_type, applicant.id_number) == ("Aiko Tanaka", "passport", "TR4418207")
    assert applicant.address == "2-14-3 Shibuya Tokyo Japan"
    assert meaning.extraction.request.description == "2025年聊城市进口化妆品监督抽检结果"
    assert meaning.extraction.request.titles == ()
    delivery = meaning.extraction.delivery
    assert (delivery.media, delivery.methods) == (("electronic",), ("email",))


def test_a_bilingual_option_without_a_tick_is_not_chosen():
    text = BILINGUAL_FORM.replace("☑", "□")
    assert "delivery_format" in understand(text).check.missing


def test_a_bracketed_place_in_an_organisations_name_and_a_contact_in_prose():
    letter = ("政府信息公开申请\n聊城市市场监督管理局：\n"
              "上海申衡（聊城）律师事务所（统一社会信用代码：31310000MD0183052N），联系人钱玉洁，联系电话0635-8261430，"
              "地址聊城市东昌府区柳园路88号。\n现申请公开：2025年东昌府区电动自行车产品质量监督抽查结果。\n"
              "请以电子邮件发送至 qianyj@shenheng.cn。\n申请人：上海申衡（聊城）律师事务所\n2025年5月6日\n")
    applicant = understand(letter).extraction.applicant
    assert (applicant.name, applicant.contact_person) == ("上海申衡（聊城）律师事务所", "钱玉洁")


def test_a_box_glyph_read_inside_an_address_is_dropped():
    text = COUNTER_FORM.format(id=ID, phone="15965401237", address="北京市朝阳区 □建国路88号 □现代城5层")
    assert understand(text).extraction.applicant.address == "北京市朝阳区建国路88号现代城5层"


def test_a_foreigners_number_under_an_id_card_label_is_a_passport():
    letter = ("聊城市市场监督管理局：\n本人申请公开贵局2025年对进口奶粉的监督抽检结果。\n本人希望到贵局现场查阅。\n"
              "姓名：Lena Virtanen\n身份证号码：PX8841207\n联系电话：+358 40 123 4567\n")
    applicant = understand(letter).extraction.applicant
    assert (applicant.name, applicant.id_type, applicant.id_number) == ("Lena Virtanen", "passport", "PX8841207")
    permit = letter.replace("身份证号码", "港澳居民来往内地通行证").replace("Lena Virtanen", "Chan Ka Yan")
    assert understand(permit).extraction.applicant.id_type == "other"


def test_a_doc_numbers_bracket_lost_at_the_line_break_is_put_back():
    form = HONG_KONG_FIRM.replace("2025年聊城市对我公司进口冷链货物的检验检疫抽检结果通知书",
                                  "《关于冷链食品抽检的通知》（聊市监食〔2025\n31号）全文")
    request = understand(form).extraction.request
    assert request.doc_numbers == ("聊市监食〔2025〕31号",)


def test_an_address_cut_in_the_middle_of_a_number_is_joined_again():
    form = ("政府信息公开申请表\n申请人名称：聊城恒远纺织有限公司\n统一社会信用代码：91371500MA3C4K7R2X\n"
            "通信地址:聊城市高唐县时风路109号水城小区1\n4号楼4单元303室\n邮政编码：252800\n联系电话：15879444341\n"
            "所需政府信息的名称、文号或其他特征描述：2025年高唐县纺织品质量监督抽查结果的通报全文及抽查企业名单\n")
    assert understand(form).extraction.applicant.address == "聊城市高唐县时风路109号水城小区14号楼4单元303室"


ENGLISH_VAGUE = """Request for Disclosure of Government Information
To the Municipal Administration for Market Regulation,
I, Marta Kowalska, hereby request all documents of your bureau about cosmetics.
Please send them to me as electronic files by e-mail.
Passport: EK4471902 (Poland)
Telephone: +48 601 223 904
E-mail: marta.kowalska@onet.pl
Marta Kowalska
"""


def test_an_english_letter_asking_for_everything_on_a_subject_needs_a_correction():
    meaning = understand(ENGLISH_VAGUE)
    assert meaning.classification.route == Route.APPLICATION
    assert meaning.extraction.request.description == "all documents of your bureau about cosmetics"
    assert meaning.check.missing == ("request_description",)
    delivery = meaning.extraction.delivery
    assert (delivery.media, delivery.methods) == (("electronic",), ("email",))


def test_a_permit_number_in_brackets_after_the_permit_is_proof_of_identity():
    letter = ("政府信息公开申请\n本人何嘉欣，持港澳居民来往内地通行证（号码：H60213377），现申请公开贵局2025年对进口奶粉的抽检结果。\n"
              "请以电子文档形式发送至本人邮箱hokayan@gmail.com。\n联络电话：+852 6123 4567\n")
    applicant = understand(letter).extraction.applicant
    assert (applicant.id_type, applicant.id_number) == ("other", "H60213377")


ENGLISH_ATTACHMENT = """Please find attached my application (scanned PDF).
Best regards,
Lee Ji-woo
Request for Government Information Disclosure
To: Municipal Administration for Market Regulation
Name: Lee Ji-woo
Passport No.: M55120398 (Republic of Korea)
Address: Room 802, 14 Sejong-daero, Jung-gu, Seoul
Phone: +82 10 5521 3086
Information requested:
The 2026 sampling results for imported instant noodles sold in the city,
including the list of products found non-compliant.
Form: electronic copy, by e-mail
Lee Ji-woo, 2026-09-25
"""


def test_an_english_form_in_an_e_mail_is_read_by_its_english_labels():
    meaning = understand(ENGLISH_ATTACHMENT)
    applicant = meaning.extraction.applicant
    assert (applicant.name, applicant.id_type, applicant.id_number) == ("Lee Ji-woo", "passport", "M55120398")
    request = meaning.extraction.request.description
    assert request.startswith("The 2026 sampling results") and request.endswith("found non-compliant.")
    delivery = meaning.extraction.delivery
    assert (delivery.media, delivery.methods) == (("electronic",), ("email",))
