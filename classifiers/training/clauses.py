"""Clauses with their roles, for training the clause-role classifier (classifiers/clauses/).

    python -m intake.classifiers.training.clauses [--seed 11] [--per-role 1800] [--out PATH]

A role says what a clause asks the agency to do (or that it asks nothing): the information asked
for, a demand for redress in a consumer dispute, a demand to investigate or punish a business, a
demand against the agency's own act or for one's own matter to be solved, a grievance or plea, a
question asking for an explanation, how the information is to be delivered, what it is for, and
everything else (identity, contact, background, greetings, headings, the law cited). Each writer
style below is a way of putting one role; the topic banks (topics.py) supply what it is about, so
the same way of asking yields many clauses. Every line of output carries its `style`, so training
can hold whole styles out and measure how the model carries over to phrasings it has not seen.
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from intake.classifiers.training.banks import Stock
from intake.classifiers.training.noise import misread, spaced
from intake.classifiers.training.scene import Scene, new_scene

ROLES = ("ask_info", "ask_vague", "demand_redress", "demand_enforce", "demand_agency", "grievance", "question", "delivery",
         "purpose", "other")
DEFAULT_OUT = Path(__file__).parent / "clause_examples.jsonl"

# ---------------------------------------------------------------- what is asked for
RECORDS = ("检查记录", "检测报告", "抽检结果", "处罚决定书", "处理结果", "调查结论", "检验报告", "整改通知书", "巡查记录",
           "核查情况", "立案告知书", "受理回执", "会议纪要", "名单", "统计数据", "工作方案", "台账", "批复文件", "执法记录",
           "现场笔录", "复查意见", "监督抽查通报", "许可材料", "登记档案", "评定结果", "通报",
           # The agency's own enforcement papers are asked for as often as they are complained of.
           "查封决定书", "扣押决定书", "查封扣押物品清单", "责令改正通知书", "解除查封决定书", "撤销决定书")
# Requests too vague to search for (Art. 29 (二); the 一事一申请 guidance: no "XXX所有信息").
VAGUE = ("你局所有文件", "你们的全部资料", "有关的所有信息", "全部相关材料", "所有跟我们小区有关的东西", "这几年的全部文件",
         "你们手里的材料", "贵局掌握的全部信息", "你们局的所有东西", "关于{shop}的一切材料", "跟我们有关的资料",
         "你们知道的情况", "所有能公开的文件", "全部的政府信息", "你们的相关文件", "这方面的所有资料", "你们局这些年的资料",
         "有关部门的全部材料", "涉及{district}的各种文件", "凡是能给的都给", "{product}方面你们所有的材料")


LICENCES = ("食品经营许可证", "药品经营许可证", "营业执照", "特种设备使用登记证", "计量器具检定证书", "生产许可证")
DETAILS = ("编号、有效期和经营范围", "证号、发证日期和许可项目", "检查时间、检查人员和检查结论", "不合格项目和处理措施",
           "抽检批次、检验项目和结果")


def _item(stock: Stock, scene: Scene) -> str:
    """Something specific enough to search for."""
    roll = stock.rng.random()
    if roll < 0.15:
        return scene.fill(stock.pick(("这家{shop}的", "{company}的", "我们{community}门口那家店的"))) + \
            f"《{stock.pick(LICENCES)}》信息" + stock.pick(("", f"，主要是：{stock.pick(DETAILS)}", f"（{stock.pick(DETAILS)}）"))
    roll = stock.rng.random()
    if roll < 0.55 and scene.topic.information:
        return scene.fill(stock.pick(scene.topic.information))
    if roll < 0.85:
        return scene.fill(stock.pick((
            "{year}年你们对{shop}的", "去年你们去{shop}查的那次的", "{date}对{company}作出的", "{district}{year}年",
            "你局{year}年第{quarter}季度", "关于{shop}{product}问题的", "我们{community}", "{company}的",
            "对我投诉{shop}一事的", "那次{product}抽检的"))) + stock.pick(RECORDS)
    return scene.fill(stock.pick(scene.topic.information)) if scene.topic.information else stock.pick(RECORDS)


ASK_FORMAL = (
    "现申请公开{item}", "特申请公开以下政府信息：{item}", "根据《中华人民共和国政府信息公开条例》的规定，申请公开{item}",
    "请求贵局公开{item}", "申请获取{item}", "请依法向本人提供{item}", "本人需要{item}", "要求公开{item}",
    "申请查阅{item}", "恳请贵局提供{item}", "我单位申请公开{item}", "我公司特申请获取{item}", "申请公开的信息为：{item}",
    "现向你局申请{item}", "请贵局依法公开{item}", "特此申请获取{item}，请予办理", "兹申请公开{item}",
    "所需政府信息：{item}", "申请人需要贵局{item}", "本所代委托人申请公开{item}",
    # The verb left out, as people write it: 请求贵局…的复印件, 为了…，恳请…一份.
    "我请求贵局{item}的复印件", "为了打官司，请求你局{item}复印件一份", "恳请贵局{item}的复印件，请寄给我",
    "为维护权益，本人请求{item}的副本", "我们请求贵局{item}的原件复印件",
)
ASK_PLAIN = (
    "我想要{item}", "我想看看{item}", "我要{item}", "想请你们把{item}给我一份", "麻烦把{item}发给我", "能不能给我{item}",
    "请把{item}寄给我", "{item}能不能给我一份", "俺要{item}", "俺想看看{item}", "咱想要{item}", "我要的是{item}",
    "俺要的是{item}", "需要的东西是{item}", "就是想要{item}", "我们想拿到{item}", "把{item}给俺复印一份", "我想申请看一下{item}", "我想查一下{item}",
    "希望能拿到{item}", "请你们提供一下{item}", "想要一份{item}", "{item}我想要一份", "能否把{item}发我看看",
    "我申请你们给我{item}", "请让我看看{item}", "麻烦你们把{item}整理好给我", "我需要看{item}", "请给我看看{item}",
    "能不能把{item}复印给我", "我想了解{item}，请把材料给我", "帮我调一下{item}", "想把{item}拿回去看看",
)
ASK_ENGLISH = (
    "I would like to obtain {en}", "Please provide me with {en}", "I hereby apply for the disclosure of {en}",
    "Could you send me {en}", "I am requesting a copy of {en}", "we request access to {en}", "I ask to receive {en}",
    "Please let me have {en}", "Kindly send me {en}", "Please disclose {en}", "We would like a copy of {en}",
    "Please send me a copy of {en}", "I request {en}", "Could you please provide {en}", "I would appreciate receiving {en}",
    "I, the undersigned, hereby request {en}", "We hereby apply for {en}",
)
EN_ITEMS = ("the inspection records of {shop}", "the administrative penalty decision against {company}",
            "the sampling test reports for {product} in {year}", "the annual supervision plan for {year}",
            "the licence file of {company}", "the statistics on consumer complaints in {district}")


VAGUE_ENGLISH = ("all documents of your bureau about {en_topic}", "all information you hold on {en_topic}",
                 "every file concerning {en_topic}", "all the records you have", "any documents related to {en_topic}",
                 "all materials of your administration")
EN_TOPICS = ("food safety", "cosmetics", "market regulation", "my company", "imported goods", "consumer protection")


def ask_vague(stock: Stock, scene: Scene) -> tuple[str, str]:
    """A request for everything: no name, number or feature to search for."""
    if stock.rng.random() < 0.1:
        item = stock.pick(VAGUE_ENGLISH).format(en_topic=stock.pick(EN_TOPICS))
        return "english", stock.pick(ASK_ENGLISH + ("I, {name}, hereby request {en}",)).format(en=item, name="Anna Weber")
    bank, style = (ASK_FORMAL, "formal") if stock.rng.random() < 0.4 else (ASK_PLAIN, "plain")
    return style, stock.pick(bank).format(item=scene.fill(stock.pick(VAGUE)))


# A record named with no verb at all, as an item of a numbered request list: the agency's own
# decision named by its 文号 is asked for here, not complained of.
BARE_ITEMS = ("贵局作出的{docno}行政处罚决定书", "贵局{docno}文件全文", "你局作出的{docno}处罚决定书及送达回证",
              "上述案件的{record}", "该案的{record}（如有）", "贵局于{date}作出的{docno}决定书", "{docno}的附件",
              "上述两案所涉产品的{record}", "贵局对{company}作出的{docno}行政处罚决定书")


def ask_info(stock: Stock, scene: Scene) -> tuple[str, str]:
    roll = stock.rng.random()
    if roll < 0.12:
        item = scene.fill(stock.pick(EN_ITEMS))
        return "english", stock.pick(ASK_ENGLISH).format(en=item)
    if roll < 0.2:
        number = stock.pick(("", "1.", "2. ", "3、", "（一）", "4．"))
        return "bare_item", number + scene.fill(stock.pick(BARE_ITEMS).replace("{record}", stock.pick(RECORDS)))
    bank, style = (ASK_FORMAL, "formal") if roll < 0.5 else (ASK_PLAIN, "plain")
    return style, stock.pick(bank).format(item=_item(stock, scene))


# ---------------------------------------------------------------- demands
def _from_topic(stock: Stock, scene: Scene, options: tuple[str, ...], fallback: str) -> str:
    return scene.fill(stock.pick(options)) if options else scene.fill(fallback)


def demand_redress(stock: Stock, scene: Scene) -> tuple[str, str]:
    dispute = _from_topic(stock, scene, scene.topic.disputes, "在{shop}买的{product}有质量问题")
    demand = scene.fill(stock.pick((
        "要求商家退款并赔偿损失", "请你局责令{shop}退还货款", "要求{shop}按规定退一赔三", "请帮我维权，让商家赔偿",
        "请求贵局组织调解，让{shop}赔偿我的损失", "要求退货退款并赔偿医药费{amount}元", "希望你们帮我把钱要回来",
        "请市场监管部门督促商家履行三包义务", "要求{company}更换新品或者全额退款", "请你们出面让商家给个赔偿",
        "我要求对方赔礼道歉并赔偿", "请依法处理我的投诉，维护消费者权益", "请你们督促{shop}把预付的钱退给我",
        "麻烦你们让{shop}给我换一个新的", "要求{shop}把多收的{amount}元还给我", "请帮我找{shop}要回押金",
        "希望贵局责成商家退还剩余卡内余额", "请协调{company}赔我的损失")))
    style = stock.pick(("with_story", "bare", "bare", "english"))
    if style == "english":
        return style, stock.pick(EN_REDRESS)
    return style, f"{dispute}，{demand}" if style == "with_story" else demand


def demand_enforce(stock: Stock, scene: Scene) -> tuple[str, str]:
    wrong = _from_topic(stock, scene, scene.topic.wrongdoing, "长期销售假冒伪劣的{product}")
    demand = scene.fill(stock.pick((
        "请贵局依法查处", "请你们派人去查一查", "请依法调查处理，并将处理结果告知举报人", "恳请立案调查，严肃处理",
        "请尽快取缔这个黑作坊", "要求对{shop}依法予以处罚", "请责令其立即整改", "请查处后把结果回复给我",
        "希望你们管一管，别让它再害人", "请依法核查并告知查处结果", "请对该企业的违法行为予以查处", "请来现场检查")))
    style = stock.pick(("with_wrong", "with_wrong", "bare", "english"))
    if style == "english":
        return style, stock.pick(EN_ENFORCE)
    return style, f"{scene.shop}{wrong}，{demand}" if style == "with_wrong" else demand


# A foreign writer's demands: punish a seller, pay back a buyer, undo the agency's own act.
EN_ENFORCE = (
    "Please investigate this false labeling and inform me of the result", "I want to report the restaurant on Dongchang Road",
    "I would like to report a shop that sells fake goods", "Please punish the seller and tell me what you found",
    "Please look into this and take action against the company", "I am reporting this supermarket for selling expired milk",
    "Please inspect the restaurant and let me know the outcome", "I urge you to stop this illegal business")
EN_REDRESS = (
    "I want a full refund for the broken phone", "Please help me get my money back from the shop",
    "I demand compensation from the seller", "Please ask the store to replace the product or refund me",
    "Could you mediate so that the shop returns my deposit")
EN_AGENCY = (
    "Please cancel the fine imposed on my company", "I ask you to return the goods your officers took from my shop",
    "Please remove my company from the abnormal operations list", "I request that the penalty decision against me be withdrawn")


def demand_agency(stock: Stock, scene: Scene) -> tuple[str, str]:
    if stock.pick((False, False, False, False, True)):
        return "english", stock.pick(EN_AGENCY)
    return "own_matter", scene.fill(stock.pick((
        "请求撤销对我作出的{docno}行政处罚决定", "要求你局重新作出决定", "请领导给我一个说法", "请尽快解决我的问题",
        "请求返还被扣押的{product}", "要求退还罚款{amount}元", "请求追究执法人员的责任", "希望领导重视，落实我的诉求",
        "请求重新审查我的许可申请", "要求对我的损失给予补偿", "请督促有关部门尽快给我答复并解决", "请纠正错误的处理决定",
        "请求恢复我的营业执照", "我要求你们赔偿我的经济损失",
        # Remedies against the agency's own acts on the writer's matter: lists, seals, records, staff.
        "请求将本店从经营异常名录中移出", "请尽快解除对我{shop}的查封", "要求撤销把我列入失信名单的决定",
        "请马上给我办理执照变更登记", "请消除对我们公司信用的不良影响", "请求删除对我的不良信用记录",
        "请对经办人员推诿拖延的做法作出解释并向我道歉", "要求处理那个态度恶劣的执法人员",
        "请尽快把扣押的{product}还给我", "请求撤回对我的处罚公示", "请尽早给我恢复正常经营",
        # Said plainly, as a villager dictates it: give back what was taken, pay for what was lost.
        "把扣走的{product}还给我", "求领导给做主，把扣的{product}退给我", "赔我被扣坏了的{product}钱", "你们扣的东西啥时候还我",
        # The same documents a request names, but to be undone: the verb decides.
        "请撤销贵局作出的{docno}行政处罚决定书", "要求撤销你局对我作出的{docno}处罚决定", "请求依法撤销{docno}行政处罚决定书",
        "申请撤销贵局{docno}决定并退还罚款", "请变更贵局作出的{docno}处罚决定，减轻处罚", "请收回{docno}查封决定书")))


def grievance(stock: Stock, scene: Scene) -> tuple[str, str]:
    story = _from_topic(stock, scene, scene.topic.grievances, "我的{product}被你们扣了半年还没退回来")
    plea = stock.pick(("", "，我实在没有办法了", "，请领导为我做主", "，这太不公平了", "，我一家老小都指望这个店",
                       "，跑了很多次都没人管", "，恳请领导体谅"))
    return "story", story + plea


# A foreign writer's question: explain a rule, say whether it applies — not a request for records.
QUESTIONS_ENGLISH = (
    "Could you please explain whether {en_rule} applies to us", "Could you tell me whether {en_rule} is still in force",
    "Does {en_rule} apply to products that are not for sale", "I would like to ask whether we need a licence to sell {en_product}",
    "Please advise whether a sticker label is acceptable", "Is it required to register before importing {en_product}",
    "Can you clarify what the procedure is for {en_product}", "We would be grateful if you could explain the requirements",
    "May I ask which department handles {en_product} complaints", "What documents do we need to open a shop selling {en_product}")
EN_RULES = ("the labelling standard", "the new licensing rule", "GB 7718", "the 2024 notice", "this regulation",
            "the registration requirement")
EN_PRODUCTS = ("biscuits", "cosmetics", "infant formula", "medical devices", "imported wine", "toys")


def question(stock: Stock, scene: Scene) -> tuple[str, str]:
    roll = stock.rng.random()
    if roll < 0.1:
        return "english", stock.pick(QUESTIONS_ENGLISH).format(en_rule=stock.pick(EN_RULES),
                                                               en_product=stock.pick(EN_PRODUCTS))
    if roll < 0.5:
        return "topic", _from_topic(stock, scene, scene.topic.questions, "请问卖{product}需要办什么证")
    return "generic", scene.fill(stock.pick((
        "请问{docno}这个文件现在还有效吗", "想咨询一下开{shop}需要办哪些手续", "请问我这种情况应该找哪个部门",
        "能否解释一下为什么要这样规定", "请问申请政府信息公开需要准备什么材料", "我想问问{product}的标准是怎么定的",
        "请问个体户可以卖{product}吗", "麻烦告诉我这个收费是不是合理的", "是不是所有{shop}都要办许可证",
        "请问我能不能以个人名义申请", "想了解一下有关政策是怎么规定的，请给予解答", "这个规定适用于我们吗，请说明",
        # Asking about applying, not applying: a condition, a fee, a number, a procedure.
        "我想问一下，如果我向你们申请公开一些检查记录，要不要交钱", "申请公开处罚决定书收不收费",
        "一次申请十几份抽检报告，是按件收费还是按页收费", "如果申请公开{docno}，大概多久能答复",
        "请问申请公开{product}的抽检结果要走什么程序", "要是我想要{shop}的检查记录，是找你们还是找区里")))


def delivery(stock: Stock, scene: Scene) -> tuple[str, str]:
    return "delivery", stock.pick((
        "请以纸质形式邮寄给我", "电子版发我邮箱即可", "我会到你们局当面领取", "请通过电子邮件发送", "纸质的就行，寄到我家",
        "请以电子文档形式提供", "希望以光盘形式提供", "我到现场查阅就可以", "请传真给我", "寄挂号信到上面的地址",
        "Please send it to me by e-mail", "复印一份邮寄过来", "获取方式：邮寄", "载体形式：纸质文本", "发到我的QQ邮箱"))


def purpose(stock: Stock, scene: Scene) -> tuple[str, str]:
    return "purpose", scene.fill(stock.pick((
        "用于民事诉讼举证", "主要是为了学术研究", "了解企业经营合规情况", "维护本人合法权益", "撰写毕业论文需要",
        "所需信息用途：自身生产经营需要", "我想知道我们买的东西安不安全", "作为向法院起诉的证据", "用于新闻报道",
        # What the writer will do with the records himself: a claim against the seller is his, not the agency's.
        "我好拿着去找{shop}要赔偿", "好拿这个去跟商家讨说法", "用于向{company}索赔", "拿到结果我好去法院告他",
        "我要拿着这个去找卖{product}的人赔钱", "以便向商家主张退一赔三")))


def other(stock: Stock, scene: Scene) -> tuple[str, str]:
    writer = scene.writer
    return "other", scene.fill(stock.pick((
        f"我叫{writer.name}，身份证号{writer.id_number}", f"联系电话：{writer.phone}", f"住址：{writer.address}",
        "根据《中华人民共和国政府信息公开条例》第二十七条、第二十九条的规定", "此致敬礼", "谢谢！", "您好！", "尊敬的领导",
        "{agency}：", "政府信息公开申请书", "申请人：{name}", "{date}", "我是{district}的居民，在{shop}附近住了十几年",
        "去年{date}你们来{shop}抽查过", "我在{shop}买过{product}", "现将有关情况说明如下", "特此申请", "如有疑问请与我联系",
        "附：身份证复印件一份", "我是一名律师", "我公司是一家{trade}企业", "以上情况属实", "麻烦了！", "盼复",
        "I run a small trading company", "Yours faithfully", "Dear Sir or Madam", "With best regards",
        # A foreign writer's background: selling, buying and shops named, nothing demanded.
        "We plan to sell German sausages to supermarkets in Liaocheng", "Our company imports wine and sells it to restaurants",
        "I bought a rice cooker in a shopping mall last month", "I live near the market on Dongchang Road",
        "We are opening a small bakery next year", "My family runs a restaurant selling Korean food",
        "I work for a food trading company in Hamburg", "The supermarket near my home sells imported milk",
        "本人承诺所填信息真实有效", "这是我第二次写信", "会议内容：审议{year}年度工作报告和财务报告",
        "附件：检测报告复印件一份", "发票号码：{docno}", "现将{year}年工作总结报送你局", "请各单位于月底前报送统计报表",
        "兹定于{date}召开{trade}行业座谈会", "本公司已取得食品经营许可证", "{company}成立于{year}年",
        "随信附上{shop}的购物小票", "经检测，该批次{product}合格", "特此通知", "以上报告，请审阅",
        "欢迎订阅{year}年度行业年鉴", "优惠活动详见附件", "我于{date}向你局提交过一份申请",
        "心里不踏实", "大家都很担心", "我听邻居说这家店手续不全", "老年人都爱去那里买东西", "孩子吃了以后一直不舒服",
        "这事我琢磨了很久", "村里人都在议论这件事", "我们也不知道该找谁", "我们小区有三百多户人家", "这件事情已经过去半年了")).replace(
        "{trade}", scene.topic.trade))


WRITERS: dict[str, Callable[[Stock, Scene], tuple[str, str]]] = {
    "ask_info": ask_info, "ask_vague": ask_vague, "demand_redress": demand_redress, "demand_enforce": demand_enforce,
    "demand_agency": demand_agency, "grievance": grievance, "question": question, "delivery": delivery,
    "purpose": purpose, "other": other,
}


def noisy(stock: Stock, clause: str) -> str:
    """OCR slips and stray spaces, alike for every role."""
    if stock.rng.random() < 0.2:
        clause = misread(stock, clause)
    if stock.rng.random() < 0.05:
        clause = spaced(stock, clause)
    return clause


def examples(seed: int, per_role: int) -> Iterator[dict[str, str]]:
    stock = Stock(random.Random(seed))
    for role in ROLES:
        seen: set[str] = set()
        attempts = 0
        while len(seen) < per_role and attempts < per_role * 20:
            attempts += 1
            style, clause = WRITERS[role](stock, new_scene(stock))
            clause = noisy(stock, clause)
            if clause in seen:
                continue
            seen.add(clause)
            yield {"text": clause, "role": role, "style": f"{role}:{style}"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-role", type=int, default=1800)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = list(examples(args.seed, args.per_role))
    random.Random(args.seed).shuffle(rows)
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} clauses to {args.out}")


if __name__ == "__main__":
    main()
