"""Complaints (投诉): a consumer's dispute with a business, asking the bureau to get redress.

办法 Art. 3: 消费者…与经营者发生消费者权益争议，请求市场监督管理部门解决该争议. Some are
written on the application form (Article 39); they ask for a refund, not a document.
"""
from __future__ import annotations

from collections.abc import Callable

from intake.classifiers.training.banks import Stock
from intake.classifiers.training.forms import application_form
from intake.classifiers.training.scene import Scene, closing, greeting, signature

DEMANDS = (
    "退还货款{amount}元", "赔偿损失{amount}元", "依照《消费者权益保护法》第五十五条退一赔三",
    "依照《食品安全法》第一百四十八条支付价款十倍的赔偿金", "更换同型号新品", "履行三包义务，免费维修",
    "退还剩余预付款{amount}元", "组织双方调解", "赔礼道歉", "承担医疗费和误工费", "退货退款",
)
ASKS = (
    "请贵局责令商家{demand}。", "请市场监管部门帮我维权，要求商家{demand}。", "请求贵局组织调解，让对方{demand}。",
    "希望你们出面处理，让商家{demand}。", "要求被投诉人{demand}。", "请督促商家{demand}，维护消费者的合法权益。",
)
NEGOTIATION = (
    "我多次找商家协商，对方一直推脱", "商家客服说不归他们管，让我找厂家", "店长态度恶劣，说售出概不退换",
    "对方答应退款但一直拖着不办", "商家把我拉黑了，电话也不接", "协商无果", "",
)
HEADINGS = ("投诉书", "投诉信", "消费投诉", "关于{shop}的投诉", "投诉材料", "消费者投诉书", "")


def _dispute(stock: Stock, scene: Scene) -> str:
    if scene.topic.disputes:
        core = scene.fill(stock.pick(scene.topic.disputes))
    else:
        core = scene.fill(f"在{{shop}}买的{{product}}有质量问题，商家拒绝处理")
    when = stock.pick((f"我于{scene.values['date']}", "上个月我", "今年", "前几天我", f"{scene.values['date']}，我", ""))
    negotiation = stock.pick(NEGOTIATION)
    return f"{when}{core}。" + (f"{negotiation}。" if negotiation else "")


def _ask(stock: Stock, scene: Scene) -> str:
    demand = scene.fill(stock.pick(DEMANDS))
    return stock.pick(ASKS).format(demand=demand)


def formal(stock: Stock, scene: Scene) -> str:
    business = stock.pick((scene.shop, scene.company))
    demands = list(dict.fromkeys(scene.fill(stock.pick(DEMANDS)) for _ in range(stock.rng.randint(1, 3))))
    return "\n".join((
        scene.fill(stock.pick(HEADINGS)),
        f"投诉人：{scene.writer.name}，电话：{scene.writer.phone}，地址：{scene.writer.address}",
        f"被投诉人：{business}" + stock.pick((f"，地址：{scene.district}{stock.pick(('步行街', '商业广场', '万达广场'))}", "", "（网店）")),
        "投诉请求：" + ("；".join(f"{i}.{d}" for i, d in enumerate(demands, 1)) if len(demands) > 1 else demands[0]),
        "事实与理由：" + _dispute(stock, scene) + stock.pick(("为维护自身合法权益，特向贵局投诉。", "现向贵局投诉，请依法处理。", "")),
        stock.pick(("附：购物小票、聊天记录截图", "证据：发票一张、照片三张", "")),
        closing(stock), signature(stock, scene, "投诉人："),
    ))


def platform(stock: Stock, scene: Scene) -> str:
    pairs = (
        ("投诉登记", ""), ("投诉人姓名", scene.writer.name), ("联系电话", scene.writer.phone),
        ("被投诉方", stock.pick((scene.shop, scene.company))), ("消费日期", scene.values["date"]),
        ("商品/服务名称", scene.product), ("涉及金额", f"{scene.values['amount']}元"),
        ("投诉内容", _dispute(stock, scene)), ("诉求", scene.fill(stock.pick(DEMANDS))),
    )
    joiner = stock.pick(("\n", "："))
    return "\n".join(f"{label}{joiner}{value}" if value else label for label, value in pairs)


def on_form(stock: Stock, scene: Scene) -> str:
    return application_form(stock, scene, _dispute(stock, scene) + _ask(stock, scene),
                            stock.pick(("维权", "退款", "维护消费者权益", "")))


def marked_letter(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("政府信息公开申请书", "政府信息公开申请", "申请书")),
        f"申请人：{scene.writer.name}，联系电话：{scene.writer.phone}",
        stock.pick(("申请事项：", "申请内容：", "")) + _dispute(stock, scene),
        stock.pick(("现申请", "特申请", "现依据《政府信息公开条例》申请")) + stock.pick(("贵局", "你局"))
        + stock.pick(("责令该商家", "组织调解，要求对方", "督促商家", "出面处理，让对方"))
        + scene.fill(stock.pick(DEMANDS)) + "。",
        signature(stock, scene, "申请人："),
    ))


def email(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        f"发件人：{scene.writer.email}", f"主题：{stock.pick(('投诉', '消费投诉', '求助', '投诉商家'))}{stock.pick((scene.shop, scene.product, ''))}",
        "", stock.pick(("您好，", "你好！", greeting(stock, scene))), _dispute(stock, scene) + _ask(stock, scene),
        stock.pick(("照片和付款记录在附件里。", "")), scene.writer.name, scene.writer.phone,
    ))


def informal(stock: Stock, scene: Scene) -> str:
    return stock.pick((
        f"你好，{_dispute(stock, scene)}麻烦你们帮我处理一下，让他们退钱。谢谢！{scene.writer.name} {scene.writer.phone}",
        f"我要投诉{scene.shop}！{_dispute(stock, scene)}{_ask(stock, scene)}",
        f"{greeting(stock, scene)}{_dispute(stock, scene)}我只想要回我的钱，{_ask(stock, scene)}\n{scene.writer.name}",
    ))


def professional(stock: Stock, scene: Scene) -> str:
    law = stock.pick(("《消费者权益保护法》第五十五条", "《食品安全法》第一百四十八条", "《产品质量法》第四十条"))
    return "\n".join((
        stock.pick(("投诉举报书", "投诉书", "消费者投诉举报")),
        f"投诉人：{scene.writer.name}  身份证号：{scene.writer.id_number}  电话：{scene.writer.phone}",
        f"被投诉人：{scene.company}",
        f"事实：投诉人于{scene.values['date']}在被投诉人处购买{scene.product}{stock.rng.randint(1, 20)}件，共支付{scene.values['amount']}元。"
        f"经查看，该商品{stock.pick(('标签不符合规定', '已过保质期', '无中文标签', '宣传功效与实际不符'))}。",
        f"请求：1.依据{law}，责令被投诉人{stock.pick(('退一赔三', '支付十倍赔偿金', '退还货款并赔偿'))}；2.组织双方调解；"
        + stock.pick(("3.对被投诉人违法行为依法处理。", "")),
        signature(stock, scene, "投诉人："),
    ))


WRITERS: tuple[tuple[str, Callable[[Stock, Scene], str], float], ...] = (
    ("cmp.formal", formal, 2.5), ("cmp.platform", platform, 1.5), ("cmp.on_form", on_form, 2.0),
    ("cmp.marked", marked_letter, 1.2), ("cmp.email", email, 1.2), ("cmp.informal", informal, 1.5),
    ("cmp.professional", professional, 0.8),
)
