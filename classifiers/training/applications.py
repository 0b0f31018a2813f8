"""Letters that ask for existing government information: the `application` route.

Some of them mention complaints, reports or petitions — the writer wants the record of how
the bureau handled one (立案告知书, 处罚决定书, 答复记录). Asking for that record is still an
application; only a demand that the bureau act makes a letter something else (Article 39).
"""
from __future__ import annotations

from collections.abc import Callable

from intake.classifiers.training.banks import LAW_FIRMS, TITLES_ACADEMIC, UNIVERSITIES, DEPARTMENTS, Stock
from intake.classifiers.training.forms import application_form
from intake.classifiers.training.scene import Scene, closing, greeting, signature

OWN_CASE_ITEMS = (
    "本人于{date}向贵局投诉{shop}一事的处理结果",
    "我举报{company}一案的立案告知书或不予立案告知书",
    "贵局对本人举报事项作出的答复记录",
    "贵局对被举报人{company}作出的行政处罚决定书",
    "贵局就该投诉对{shop}进行现场检查的检查记录",
    "贵局受理我投诉后组织调解的调解书或终止调解告知书",
    "我{date}通过12315平台举报{shop}后，贵局的核查处理情况及答复内容",
    "本人信访事项的处理意见书及办理过程记录",
    "对我作出的{docno}行政处罚决定所依据的检验报告",
    "贵局对我投诉件的受理登记表和办结记录",
    "针对{company}违法行为的立案审批表及处理结果",
    "我反映{community}电梯问题后贵局的检查结论",
)
# Information any agency holds, whatever the topic.
GENERAL_INFORMATION = (
    "贵局{year}年度工作计划及工作总结", "贵局权责清单和公共服务事项清单", "贵局{year}年行政执法统计年报",
    "贵局{year}年“双随机、一公开”抽查事项清单及抽查结果", "贵局内设机构设置及各科室职能", "贵局{year}年部门预算和决算",
    "贵局作出某项收费所依据的文件", "贵局{year}年第{quarter}季度局长办公会会议纪要中涉及{topic}的部分",
    "贵局{year}年行政处罚案件目录", "贵局{year}年{topic}领域规范性文件清单", "{district}辖区{topic}领域市场主体信用评价结果",
)
INTROS = (
    "现申请公开以下政府信息：", "特向贵局申请公开如下信息：", "根据《中华人民共和国政府信息公开条例》，申请公开：",
    "请求公开：", "申请获取以下信息：", "要求公开下列政府信息：", "请依法向本人提供：", "申请公开的信息为：",
    "本人需要以下政府信息：", "依法申请公开下列信息：",
)
LEGAL_BASES = (
    "根据《中华人民共和国政府信息公开条例》第二十七条、第二十九条的规定，",
    "依据《政府信息公开条例》的相关规定，", "按照《中华人民共和国政府信息公开条例》，", "依照《条例》第二十七条，", "",
)
PURPOSES = (
    "用于民事诉讼举证", "学术研究", "了解企业经营合规情况", "维护本人合法权益", "撰写毕业论文", "企业投标需要",
    "新闻报道", "核实合作方资质", "家庭购房参考", "向法院提交证据", "自身生产经营需要",
)


def delivery_sentence(stock: Stock, scene: Scene) -> str:
    person = scene.writer
    return stock.pick((
        f"请以纸质形式邮寄至{person.address}，邮编{person.postcode}。", f"请将上述信息以电子文档形式发送至{person.email}。",
        "本人将到贵局自行领取纸质文件。", "希望到现场查阅并复制。", "获取方式：邮寄。载体形式：纸质。",
        f"请通过电子邮件发送到 {person.email}", "以纸质方式提供，邮寄给我。", "请以光盘形式提供。", "通过网上获取即可。",
        "提供方式：电子文档；获取方式：电子邮件。", f"传真至{person.phone}。", "",
    ))


def information_items(stock: Stock, scene: Scene, count: int, own_case: bool = False) -> list[str]:
    pool = OWN_CASE_ITEMS if own_case else scene.topic.information
    picked: list[str] = []
    for _ in range(count * 3):
        source = GENERAL_INFORMATION if not own_case and stock.rng.random() < 0.2 else pool
        item = scene.fill(stock.pick(source).replace("{topic}", scene.topic.name))
        if item not in picked:
            picked.append(item)
        if len(picked) == count:
            break
    return picked


def listing(stock: Stock, items: list[str]) -> str:
    if len(items) == 1:
        return items[0] + stock.pick(("。", "", "；", "全文。", "（含附件）。"))
    style = stock.rng.random()
    if style < 0.4:
        return "\n".join(f"{i}.{item}；" for i, item in enumerate(items, 1))
    if style < 0.7:
        return "\n".join(f"{'一二三四五'[i]}、{item}" for i, item in enumerate(items))
    if style < 0.85:
        return "\n".join(f"（{i}）{item}" for i, item in enumerate(items, 1))
    return "；".join(items) + "。"


def form_person(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, stock.rng.randint(1, 3), own_case=stock.rng.random() < 0.3)
    return application_form(stock, scene, listing(stock, items), stock.pick(PURPOSES))


def form_organization(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, stock.rng.randint(1, 3))
    return application_form(stock, scene, listing(stock, items), stock.pick(PURPOSES), organization=True)


def formal_letter(stock: Stock, scene: Scene) -> str:
    person = scene.writer
    items = information_items(stock, scene, stock.rng.randint(1, 4), own_case=stock.rng.random() < 0.25)
    return "\n".join((
        stock.pick(("政府信息公开申请书", "信息公开申请书", "申请书", "政府信息公开申请", "关于申请公开政府信息的函")),
        f"申请人：{person.name}，{stock.pick(('男', '女'))}，身份证号：{person.id_number}",
        f"住址：{person.address}", f"联系电话：{person.phone}",
        f"被申请人：{scene.agency}" if stock.rng.random() < 0.6 else "",
        stock.pick(("申请事项：", "申请内容：", "")) + stock.pick(INTROS), listing(stock, items),
        stock.pick(("事实与理由：", "理由：", "")) + stock.pick(LEGAL_BASES) + stock.pick((
            f"申请人因{stock.pick(PURPOSES)}，需要上述信息，特提出申请。", "特提出申请，请依法答复。",
            "上述信息属于应当公开的政府信息，请贵局在法定期限内予以公开。", "请予公开。",
        )),
        delivery_sentence(stock, scene), closing(stock), signature(stock, scene, "申请人："),
    ))


def lawyer_letter(stock: Stock, scene: Scene) -> str:
    lawyer = stock.name()
    firm = f"{scene.city}{stock.pick(('正义', '衡平', '德恒信', '明法', '金诚', '大成方', '天元汇', '海润'))}{stock.pick(LAW_FIRMS)}"
    items = information_items(stock, scene, stock.rng.randint(1, 4), own_case=stock.rng.random() < 0.3)
    return "\n".join((
        firm, stock.pick(("关于申请公开政府信息的函", "律师函", "政府信息公开申请", f"（{scene.year}）律函字第{stock.rng.randint(1, 300)}号")),
        greeting(stock, scene),
        f"本所接受{stock.pick((scene.writer.name, scene.company))}的委托，指派{lawyer}律师处理其与{scene.company}{stock.pick(('合同纠纷', '买卖合同纠纷', '股权纠纷', '产品责任纠纷', '侵权纠纷'))}一案。"
        + stock.pick(LEGAL_BASES) + "现代为申请公开以下政府信息：",
        listing(stock, items),
        stock.pick(("上述信息仅用于该案诉讼。", "请在法定期限内书面答复。", "请以纸质形式邮寄至本所。", "")),
        delivery_sentence(stock, scene),
        stock.pick(("附：授权委托书、律师执业证复印件、律所函", "附件：委托书1份", "")),
        f"{firm}\n{lawyer}律师\n电话：{stock.phone()}\n{scene.values['date']}",
    ))


def researcher_letter(stock: Stock, scene: Scene) -> str:
    university = stock.pick(UNIVERSITIES)
    items = information_items(stock, scene, stock.rng.randint(1, 3))
    topic = scene.topic.name
    return "\n".join((
        greeting(stock, scene),
        f"我是{university}{stock.pick(DEPARTMENTS)}的{stock.pick(TITLES_ACADEMIC)}{scene.writer.name}，"
        f"目前正在开展关于{stock.pick((topic + '监管效果', '基层' + topic + '执法', '政府信息公开实践', topic + '治理'))}的研究。"
        + stock.pick(LEGAL_BASES) + stock.pick(("希望获取以下数据：", "申请公开以下信息：", "恳请提供以下资料：")),
        listing(stock, items),
        stock.pick(("以上信息仅用于学术研究，不作他用。", "数据将匿名化处理，仅用于论文写作。", "")),
        stock.pick((f"如方便，请发送电子版至{scene.writer.email}。", "纸质或电子形式均可。", delivery_sentence(stock, scene))),
        closing(stock), signature(stock, scene),
    ))


def email(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, stock.rng.randint(1, 2), own_case=stock.rng.random() < 0.3)
    subject = stock.pick(("政府信息公开申请", "信息公开申请-" + scene.writer.name, "申请公开信息", "依申请公开",
                          "Fw: 政府信息公开申请", "关于申请公开" + scene.topic.name + "相关信息"))
    body = "\n".join((
        stock.pick(("您好！", "你好，", greeting(stock, scene))),
        stock.pick(("我是", "本人", "")) + scene.writer.name + stock.pick(("，", "。")) + stock.pick(INTROS),
        listing(stock, items),
        stock.pick(("申请人身份证复印件见附件。", "附件为身份证扫描件。", "")),
        delivery_sentence(stock, scene), stock.pick(("谢谢！", "盼复。", "")),
        scene.writer.name, scene.writer.phone,
    ))
    return "\n".join((
        f"发件人：{scene.writer.name} <{scene.writer.email}>", f"收件人：{stock.pick(('xxgk', 'zwgk', 'scjgj', 'bgs'))}@{scene.city[0]}scjg.gov.cn",
        f"主题：{subject}", f"日期：{scene.values['date']}", "", body,
    ))


def short_note(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, 1, own_case=stock.rng.random() < 0.35)
    return stock.pick((
        f"{scene.agency}：本人{scene.writer.name}申请公开{items[0]}。{delivery_sentence(stock, scene)}电话{scene.writer.phone}。",
        f"申请公开：{items[0]}\n申请人：{scene.writer.name}\n身份证：{scene.writer.id_number}\n电话：{scene.writer.phone}\n邮寄地址：{scene.writer.address}",
        f"要求公开{items[0]}，纸质，邮寄。{scene.writer.name} {scene.writer.phone} {scene.writer.address}",
        f"我想申请获取{items[0]}，请以电子邮件方式发送至{scene.writer.email}。\n{scene.writer.name}",
    ))


def online_form(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, stock.rng.randint(1, 2), own_case=stock.rng.random() < 0.3)
    return "\n".join((
        stock.pick(("依申请公开在线申请", "政府信息公开网上申请", f"{scene.city}市政府信息公开平台", "在线申请详情")),
        f"申请编号：{stock.case_number()}", f"申请人类型：{stock.pick(('自然人', '公民'))}",
        f"申请人姓名：{scene.writer.name}", f"证件类型：身份证 证件号码：{scene.writer.id_number}",
        f"联系电话：{scene.writer.phone}", f"电子邮箱：{scene.writer.email}",
        f"受理机关：{scene.agency}", f"所需信息描述：{listing(stock, items)}",
        f"所需信息用途：{stock.pick(PURPOSES)}", f"获取方式：{stock.pick(('网上获取', '邮寄', '电子邮件', '自行领取'))}",
        f"提交时间：{scene.values['date']} {stock.rng.randint(8, 21)}:{stock.rng.randint(0, 59):02d}",
    ))


def own_case_letter(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, stock.rng.randint(1, 3), own_case=True)
    heading = stock.pick(("关于公开举报处理结果的申请", "政府信息公开申请书", "关于申请公开投诉处理情况的函",
                          "信息公开申请（举报事项）", "申请书", ""))
    return "\n".join((
        heading, greeting(stock, scene),
        f"本人{scene.writer.name}于{scene.values['date']}{stock.pick(('向贵局', '通过12315平台', '通过市长热线'))}"
        f"{stock.pick(('举报', '投诉', '反映'))}{stock.pick((scene.shop, scene.company))}的问题，"
        f"{stock.pick(('贵局已受理', '至今未收到书面答复', '贵局电话告知已处理', '受理编号为' + stock.case_number()))}。"
        + stock.pick(LEGAL_BASES) + stock.pick(INTROS),
        listing(stock, items),
        stock.pick(("本申请仅要求公开上述已制作的信息。", "上述文件均为贵局履职过程中制作的信息。", "")),
        delivery_sentence(stock, scene), closing(stock), signature(stock, scene, stock.pick(("申请人：", ""))),
    ))


def fax(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, stock.rng.randint(1, 2))
    return "\n".join((
        stock.pick(("传 真", "传真件", "FAX")), f"致：{scene.agency}{stock.pick(('办公室', '政务公开科', ''))}",
        f"发自：{stock.pick((scene.writer.name, scene.company))}", f"页数：{stock.rng.randint(1, 4)}（含本页）",
        f"日期：{scene.values['date']}", "事由：政府信息公开申请", "",
        f"{stock.pick(INTROS)}\n{listing(stock, items)}", delivery_sentence(stock, scene), signature(stock, scene),
    ))


def company_letter(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, stock.rng.randint(1, 3))
    return "\n".join((
        scene.company, stock.pick(("关于申请公开政府信息的函", "政府信息公开申请书", "信息公开申请")),
        greeting(stock, scene),
        f"我公司（统一社会信用代码：{stock.uscc()}）因{stock.pick(PURPOSES)}，" + stock.pick(LEGAL_BASES)
        + stock.pick(INTROS), listing(stock, items),
        f"联系人：{scene.writer.name}，电话：{scene.writer.phone}。", delivery_sentence(stock, scene),
        stock.pick(("附：营业执照复印件、授权委托书", "附件：营业执照副本复印件", "")),
        f"{scene.company}（盖章）\n{scene.values['date']}",
    ))


def journalist_letter(stock: Stock, scene: Scene) -> str:
    items = information_items(stock, scene, stock.rng.randint(1, 2))
    outlet = stock.pick((f"{scene.city}日报", f"{scene.city}晚报", "都市消费报", "民生观察网"))
    return "\n".join((
        greeting(stock, scene),
        f"我是{outlet}记者{scene.writer.name}，正在做关于{scene.topic.name}的报道，{stock.pick(LEGAL_BASES)}"
        f"{stock.pick(INTROS)}", listing(stock, items), delivery_sentence(stock, scene), closing(stock),
        f"{outlet} {scene.writer.name}\n{scene.writer.phone}",
    ))


def informal(stock: Stock, scene: Scene) -> str:
    item = information_items(stock, scene, 1, own_case=stock.rng.random() < 0.4)[0]
    person = scene.writer
    return stock.pick((
        f"您好，我想要一份{item}，能不能寄给我？地址：{person.address}。{person.name}",
        f"{greeting(stock, scene)}我需要{item}，麻烦提供一下，我可以自己过去拿。{person.name} {person.phone}",
        f"想查阅{item}，请告知什么时候可以去查。{person.name}",
        f"领导好：我是{scene.district}居民{person.name}，想了解{item}，请把相关文件发到我邮箱{person.email}。谢谢",
        f"请提供{item}的复印件。联系人{person.name}，电话{person.phone}。",
        f"{greeting(stock, scene)}麻烦把{item}给我一份，我打官司要用。{person.name}",
    ))


WRITERS: tuple[tuple[str, Callable[[Stock, Scene], str], float], ...] = (
    ("app.form_person", form_person, 3.0), ("app.form_org", form_organization, 1.5),
    ("app.formal", formal_letter, 2.0), ("app.lawyer", lawyer_letter, 1.0), ("app.research", researcher_letter, 1.0),
    ("app.email", email, 1.5), ("app.short", short_note, 1.5), ("app.online", online_form, 1.0),
    ("app.own_case", own_case_letter, 2.5), ("app.fax", fax, 0.7), ("app.company", company_letter, 1.0),
    ("app.journalist", journalist_letter, 0.6),
    ("app.informal", informal, 1.5),
)
