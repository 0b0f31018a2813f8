"""Plain letters that share their background across routes and differ only in what they ask.

The same story — a bad purchase, a fine on one's own shop, a broken lift, a dubious shop next
door — can end in a request for the file on it (application), a demand that the bureau undo or
redo something (petition), a demand for a refund (complaint), a call to investigate (report) or
a question (consultation). Training on such pairs teaches the model to read the request, which is
what Article 39 turns on, rather than the topic or the letterhead.
"""
from __future__ import annotations

from collections.abc import Callable

from intake.classifiers.training.banks import Stock
from intake.classifiers.training.scene import Scene, closing, greeting, signature

BACKGROUNDS = {
    "purchase": (
        "{date}我在{shop}买了{product}，没用几天就出了问题",
        "上个月在{shop}消费了{amount}元，后来发现商家宣传的和实际完全不一样",
        "我母亲在{shop}花{amount}元买了{product}，回家才知道上当了",
        "我们一家在{shop}吃饭后都拉肚子",
        "我在网上一家店买的{product}收到就是坏的",
        "我在{shop}办了会员卡充了{amount}元，现在店关门了",
    ),
    "penalty": (
        "我在{district}开了一家{kind}，{date}贵局执法人员来检查后对我罚款{amount}元",
        "去年贵局以{wrong}为由对我公司立案，作出了{docno}处罚决定",
        "我的店因为{product}抽检不合格被贵局处罚",
        "贵局在检查中扣押了我店里的{product}",
    ),
    "neighbour": (
        "我家附近有一家{kind}，{wrong}",
        "{community}门口的{shop}{wrong}",
        "我们单位旁边的{company}{wrong}",
    ),
    "lift": (
        "我们{community}{building}号楼的电梯经常出故障，上个月还困过人",
        "小区电梯检验合格证早就过期了，物业说在办",
    ),
    "earlier_report": (
        "我{date}向贵局反映过{shop}的问题",
        "今年我通过12315举报了{company}",
        "我之前投诉过{shop}，贵局电话里说已经处理了",
    ),
}
DOCUMENTS = (
    "处理结果告知书", "调查笔录", "行政处罚决定书", "检验报告", "立案审批表", "答复意见书", "现场检查记录",
    "责令改正通知书", "调解书", "案件办理情况记录", "不予立案告知书", "抽样检验单", "执法记录",
    "处理这件事形成的书面材料", "相关的检查记录和结论", "这家店的许可证登记信息", "该公司的登记档案",
)
REQUESTS = {
    "application": (
        "现申请公开贵局就此事作出的{doc}。", "请把你们处理这件事的{doc}提供给我一份。", "我想要一份{doc}的复印件。",
        "希望贵局提供{doc}，以便我向法院起诉。", "请依法向我公开{doc}和{doc2}。", "申请调取{doc}。",
        "申请查阅并复制{doc}。", "恳请提供{doc}，纸质的寄给我就行。", "请问能否把{doc}给我一份？我需要留作证据。",
        "依照信息公开条例，请提供{doc}。", "我需要这件事的{doc}，请以电子邮件发给我。",
    ),
    "petition_inaction": (
        "贵局一直推诿不作为，请市局督办，追究相关人员责任。", "我认为贵局处理不公，要求重新处理。",
        "请上级领导过问，把我的问题彻底解决。", "请尽快解决，否则我只能继续上访。", "请领导主持公道，给我一个说法。",
        "要求对敷衍了事的工作人员追责，并重新调查。",
    ),
    "petition": (
        "我认为贵局处理不公，要求重新处理。", "贵局一直推诿不作为，请市局督办，追究相关人员责任。",
        "我要求撤销处罚，退还罚款，还我清白。", "请领导主持公道，给我一个说法。", "请尽快解决，否则我只能继续上访。",
        "要求贵局纠正错误，赔偿我的损失。", "请上级领导过问，把我的问题彻底解决。", "要求对处理这件事的工作人员追责。",
        "请你们还我一个公道，恢复我的名誉。", "我不服，请求重新调查，撤销原来的结论。",
    ),
    "complaint": (
        "请帮我把钱要回来。", "请责令商家退款并赔偿。", "我要求退货退款，请你们出面协调。", "请组织我和商家调解。",
        "要求商家赔偿我的损失{amount}元。", "请督促他们按三包规定给我换新的。", "希望你们帮忙让商家退钱。",
        "要求对方退还全部费用并赔礼道歉。", "请为我们消费者维权，让商家承担责任。",
    ),
    "report": (
        "请你们去查处这家店。", "请立案调查，依法处理。", "希望依法查处，别让他们再坑别人。", "请尽快检查，消除隐患。",
        "请对其违法行为进行处罚。", "恳请执法人员去现场核查。", "请取缔这个黑窝点。", "请严查，并把结果告诉我。",
    ),
    "other": (
        "现在问题已经解决了，特此写信感谢！", "感谢你们的工作人员耐心细致，给你们点赞！", "谢谢你们为老百姓办实事。",
        "你们很快就帮我处理好了，特送锦旗一面表示感谢。", "在此向处理此事的同志表示衷心的感谢。",
    ),
    "consultation": (
        "请问这种情况我该怎么办？", "想问一下商家这样做违法吗？", "请问我可以要求几倍赔偿？", "这种情况是找你们还是找法院？",
        "请问处罚依据的是哪一条规定？", "想咨询一下下一步应该走什么程序？", "我想知道这种情况归哪个部门管？",
        "请问有没有相关的规定可以参考？", "请解释一下为什么会这样处理？",
    ),
}
# Which backgrounds make sense for which route.
FITS = {
    "application": ("purchase", "penalty", "neighbour", "lift", "earlier_report"),
    "petition": ("penalty", "earlier_report", "lift"),
    "complaint": ("purchase",),
    "report": ("neighbour", "lift", "purchase"),
    "consultation": ("purchase", "penalty", "neighbour", "lift", "earlier_report"),
    "other": ("purchase", "lift", "earlier_report"),
}
HEADINGS = {
    "application": ("信息公开申请", "申请", "关于申请公开有关材料的函", ""),
    "petition": ("反映", "申诉", "请求", ""),
    "complaint": ("投诉", "求助", "消费纠纷", ""),
    "report": ("举报", "反映问题", "线索", ""),
    "consultation": ("咨询", "请教", "问题", ""),
    "other": ("感谢信", "表扬信", "致谢", ""),
}


def _background(stock: Stock, scene: Scene, kind: str) -> str:
    text = stock.pick(BACKGROUNDS[kind])
    values = dict(scene.values, kind=stock.pick(scene.topic.shop_kinds),
                  wrong=scene.fill(stock.pick(scene.topic.wrongdoing)))
    return text.format(**values) + stock.pick(("。", "，", "。", "！"))


def _request(stock: Stock, scene: Scene, route: str, kind: str) -> str:
    doc, doc2 = stock.pick(DOCUMENTS), stock.pick(DOCUMENTS)
    bank = REQUESTS["petition_inaction"] if route == "petition" and kind != "penalty" else REQUESTS[route]
    return stock.pick(bank).format(doc=doc, doc2=doc2, amount=scene.values["amount"])


def letter_for(route: str) -> Callable[[Stock, Scene], str]:
    def write(stock: Stock, scene: Scene) -> str:
        heading = stock.pick(HEADINGS[route])
        if route != "other" and stock.rng.random() < 0.2:
            heading = stock.pick(("政府信息公开申请", "政府信息公开申请书", "申请书"))  # Art. 39: marked either way
        kind = stock.pick(FITS[route])
        middle = stock.pick(("", "这件事让我很困扰。", "我多次打电话都没有结果。", "我手里有照片和票据。", ""))
        return "\n".join((
            heading, greeting(stock, scene) if stock.rng.random() < 0.7 else "",
            stock.pick(("", f"我叫{scene.writer.name}，", "本人", "我是一名普通市民，")) + _background(stock, scene, kind) + middle,
            _request(stock, scene, route, kind) + (_request(stock, scene, route, kind) if stock.rng.random() < 0.3 else ""),
            closing(stock), signature(stock, scene) if stock.rng.random() < 0.8 else scene.writer.name,
        ))
    return write


def writer(route: str, weight: float) -> tuple[str, Callable[[Stock, Scene], str], float]:
    return (f"free.{route}", letter_for(route), weight)
