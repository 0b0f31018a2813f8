"""Reports (举报): wrongdoing by a business, asking the bureau to investigate.

办法 Art. 3: 反映经营者涉嫌违反市场监督管理法律、法规、规章线索. The writer wants the bureau
to act (查处, 立案, 取缔), often also to be told the result; being told the result does not make
it an application. Some are written on the application form (Article 39).
"""
from __future__ import annotations

from collections.abc import Callable

from intake.classifiers.training.banks import Stock
from intake.classifiers.training.forms import application_form
from intake.classifiers.training.scene import Scene, closing, greeting, signature

LAWS = {
    "食品安全": "《中华人民共和国食品安全法》", "特种设备": "《中华人民共和国特种设备安全法》",
    "价格监管": "《明码标价和禁止价格欺诈规定》", "广告监管": "《中华人民共和国广告法》",
    "登记注册": "《中华人民共和国市场主体登记管理条例》", "产品质量": "《中华人民共和国产品质量法》",
    "计量": "《中华人民共和国计量法》", "知识产权": "《中华人民共和国商标法》",
    "预付卡消费": "《中华人民共和国消费者权益保护法》", "药品医疗器械": "《中华人民共和国药品管理法》",
    "网络交易": "《中华人民共和国电子商务法》", "汽车消费": "《中华人民共和国消费者权益保护法》",
    "化妆品": "《化妆品监督管理条例》", "不正当竞争与传销": "《禁止传销条例》", "标准与认证": "《中华人民共和国认证认可条例》",
}
DEMANDS = (
    "请依法查处", "请尽快立案调查并依法处理", "请予以取缔", "请依法查处并将处理结果书面告知举报人",
    "请按规定给予举报奖励", "请在法定期限内告知是否立案", "希望有关部门尽快去查一查", "请严厉打击此类违法行为",
    "请核查处理并回复", "请没收违法所得并处以罚款", "恳请贵局彻查", "请对其进行处罚，还老百姓一个安全的环境",
    "请派人去现场检查一下", "希望你们去抽查一下他们的产品", "请监管部门管一管", "请核实后依法处理",
    "建议你们突击检查", "请责令其停业整改", "请联合相关部门一起查处",
)
HEADINGS = ("举报信", "实名举报", "举报材料", "关于{company}违法经营的举报", "举报", "匿名举报信", "违法线索举报", "")
EVIDENCE = ("附：现场照片5张、视频1段", "证据：购物小票、商品实物照片", "附件：聊天记录截图、转账记录", "相关照片已拍好，可以提供", "")


def _target(stock: Stock, scene: Scene) -> str:
    return stock.pick((scene.shop, scene.company, f"{scene.district}{stock.pick(('菜市场', '夜市', '城中村'))}一家{stock.pick(scene.topic.shop_kinds)}"))


def _wrong(stock: Stock, scene: Scene) -> str:
    wrong = scene.fill(stock.pick(scene.topic.wrongdoing))
    return stock.pick((f"涉嫌{wrong}", wrong, f"存在{wrong}的违法行为", f"长期{wrong}"))


def _demands(stock: Stock, scene: Scene) -> str:
    chosen = list(dict.fromkeys(stock.pick(DEMANDS) for _ in range(stock.rng.randint(1, 3))))
    return "，".join(chosen) + "。"


def letter(stock: Stock, scene: Scene) -> str:
    target = _target(stock, scene)
    return "\n".join((
        scene.fill(stock.pick(HEADINGS)), greeting(stock, scene),
        stock.pick(("我要实名举报", "现举报", "本人举报", "我反映一个问题：", "特向贵局举报")) + f"{target}（地址：{scene.writer.address.split('号')[0]}号附近）"
        + _wrong(stock, scene) + "。",
        stock.pick((f"我是附近居民，{stock.pick(('多次看到', '亲眼看见', '听店里员工说'))}这种情况。",
                    f"该问题已持续{stock.pick(('半年', '一年多', '好几个月'))}，周边群众意见很大。",
                    f"违反了{LAWS.get(scene.topic.name, '相关法律')}的规定。", "")),
        _demands(stock, scene), stock.pick(EVIDENCE), closing(stock),
        signature(stock, scene, stock.pick(("举报人：", ""))) if stock.rng.random() < 0.8 else "一个老百姓",
    ))


def structured(stock: Stock, scene: Scene) -> str:
    law = LAWS.get(scene.topic.name, "相关法律法规")
    return "\n".join((
        stock.pick(("举报书", "举报信", "违法行为举报书")),
        f"举报人：{scene.writer.name}", f"联系方式：{scene.writer.phone}",
        f"被举报人：{stock.pick((scene.company, scene.shop))}", f"被举报人地址：{scene.district}{stock.pick(('工业园', '商业街', '农贸市场'))}",
        f"举报事项：{_wrong(stock, scene)}",
        f"违法事实：{scene.values['date']}，举报人发现被举报人{scene.fill(stock.pick(scene.topic.wrongdoing))}。",
        f"法律依据：上述行为违反了{law}的规定。",
        f"举报请求：1.{stock.pick(DEMANDS)}；2.{stock.pick(('依法告知举报人是否立案', '将处理结果书面告知举报人', '给予举报奖励'))}。",
        signature(stock, scene, "举报人："),
    ))


def anonymous(stock: Stock, scene: Scene) -> str:
    target = _target(stock, scene)
    return stock.pick((
        f"{scene.district}{stock.pick(('人民路', '东关街', '车站附近', '学校对面'))}有一家{stock.pick(scene.topic.shop_kinds)}，{_wrong(stock, scene)}，希望你们去查一查。一个老百姓",
        f"举报：{target}{_wrong(stock, scene)}。{_demands(stock, scene)}",
        f"你们好，{target}{_wrong(stock, scene)}，很多人都知道，就是没人管。{_demands(stock, scene)}不留名了。",
        f"市场监管局：{target}{_wrong(stock, scene)}，{stock.pick(DEMANDS)}！",
    ))


def on_form(stock: Stock, scene: Scene) -> str:
    description = stock.pick((
        f"{_target(stock, scene)}{_wrong(stock, scene)}，{_demands(stock, scene)}",
        f"请贵局对{scene.company}{_wrong(stock, scene)}的行为立案调查，并吊销其营业执照。",
        f"要求查处{_target(stock, scene)}{_wrong(stock, scene)}的问题，并把处理结果告诉我。",
    ))
    return application_form(stock, scene, description, stock.pick(("举报违法行为", "要求查处", "")))


def marked_letter(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("政府信息公开申请书", "政府信息公开申请", "信息公开申请")),
        greeting(stock, scene),
        f"申请人{scene.writer.name}，电话{scene.writer.phone}。",
        f"{stock.pick(('申请事项：', '申请内容：', ''))}{_target(stock, scene)}{_wrong(stock, scene)}。"
        f"{stock.pick(('申请贵局', '要求贵局', '请贵局'))}{stock.pick(('依法查处', '立案调查', '予以取缔', '进行调查并处罚'))}，"
        + stock.pick(("并将结果告知申请人。", "以维护市场秩序。", "")),
        signature(stock, scene, "申请人："),
    ))


def platform(stock: Stock, scene: Scene) -> str:
    pairs = (
        ("举报登记", ""), ("举报人", stock.pick((scene.writer.name, "匿名"))), ("联系电话", scene.writer.phone),
        ("被举报主体", _target(stock, scene)), ("所属领域", scene.topic.name),
        ("举报内容", _wrong(stock, scene)), ("举报诉求", stock.pick(DEMANDS)),
    )
    joiner = stock.pick(("\n", "："))
    return "\n".join(f"{label}{joiner}{value}" if value else label for label, value in pairs)


def email(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        f"发件人：{scene.writer.email}", f"主题：{stock.pick(('举报', '实名举报', '违法线索', '举报' + scene.topic.name + '问题'))}",
        "", greeting(stock, scene), f"{_target(stock, scene)}{_wrong(stock, scene)}。{_demands(stock, scene)}",
        stock.pick(EVIDENCE), scene.writer.name,
    ))


def repeat_report(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("再次举报", "二次举报", "举报信")), greeting(stock, scene),
        f"我在{scene.values['date']}已经举报过{_target(stock, scene)}{_wrong(stock, scene)}的问题，"
        f"{stock.pick(('但对方至今仍在继续经营', '可是现在又开始了', '整改只是做做样子'))}。{_demands(stock, scene)}",
        signature(stock, scene),
    ))


WRITERS: tuple[tuple[str, Callable[[Stock, Scene], str], float], ...] = (
    ("rep.letter", letter, 3.0), ("rep.structured", structured, 1.5), ("rep.anonymous", anonymous, 1.5),
    ("rep.on_form", on_form, 2.0), ("rep.marked", marked_letter, 1.2), ("rep.platform", platform, 1.0),
    ("rep.email", email, 1.0), ("rep.repeat", repeat_report, 0.7),
)
