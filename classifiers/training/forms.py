"""The 政府信息公开申请表 as it comes out of a scanner: label lines and value lines.

Every route uses this form: applicants fill it in to ask for information, and petitioners,
complainants and reporters fill it in to ask for action (Article 39). Only the request box says
which is which, so the form's furniture must not decide the route.
"""
from __future__ import annotations

from intake.classifiers.training.banks import Stock
from intake.classifiers.training.scene import Scene

TITLES = (
    "政府信息公开申请表", "{agency}政府信息公开申请表", "政府信息公开申请表（公民）", "依申请公开政府信息申请表",
    "政 府 信 息 公 开 申 请 表", "政府信息公开申请表\n编号：", "{city}市政府信息公开申请表",
    "{agency}\n政府信息公开申请表",
)
DESCRIPTION_LABELS = (
    "所需信息内容描述", "所需政府信息的内容描述", "所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述",
    "申请公开的政府信息内容", "所需信息的名称", "所需信息情况\n所需信息内容描述", "所需的政府信息内容描述",
    "申请内容", "所需信息名称或内容描述",
)
PURPOSE_LABELS = ("所需信息的用途", "所需信息用途（选填）", "信息用途", "用途")
DELIVERY_LABELS = ("获取信息的方式", "获取方式", "获取政府信息的方式", "提供方式")
MEDIUM_LABELS = ("信息的载体形式", "所需信息的指定提供方式", "载体形式", "提供形式")
TICKS = ("☑", "√", "■", "V", "☒", "✓")
BOXES = ("□", "口", "☐", "○")


def _checkboxes(stock: Stock, options: tuple[str, ...]) -> str:
    chosen = stock.rng.randrange(len(options))
    tick, box = stock.pick(TICKS), stock.pick(BOXES)
    return " ".join(f"{tick if i == chosen else box}{option}" for i, option in enumerate(options))


def _pairs(stock: Stock, pairs: list[tuple[str, str]]) -> str:
    layout = stock.rng.random()
    if layout < 0.5:  # table read cell by cell: label line, value line
        return "\n".join(f"{label}\n{value}" if value else label for label, value in pairs)
    if layout < 0.8:
        colon = stock.pick(("：", ":", " "))
        return "\n".join(f"{label}{colon}{value}" for label, value in pairs)
    rows, row = [], []  # table read row by row: two cells per line
    for label, value in pairs:
        row.append(f"{label} {value}".strip())
        if len(row) == 2:
            rows.append("  ".join(row))
            row = []
    rows.extend(row)
    return "\n".join(rows)


def applicant_block(stock: Stock, scene: Scene, organization: bool) -> str:
    person = scene.writer
    if organization:
        pairs = [
            ("法人或者其他组织", ""), ("名称", scene.company), ("统一社会信用代码", stock.uscc()),
            ("法定代表人", stock.name()), ("联系人姓名", person.name), ("联系人电话", person.phone),
            ("联系地址", person.address), ("电子邮箱", person.email),
        ]
    else:
        pairs = [
            (stock.pick(("公民", "申请人信息\n公民", "自然人", "申请人")), ""),
            (stock.pick(("姓名", "姓 名", "申请人姓名")), person.name),
            ("工作单位", stock.pick(("无", "个体", "退休", "", scene.company))),
            (stock.pick(("证件名称", "身份证件名称")), stock.pick(("居民身份证", "身份证"))),
            (stock.pick(("证件号码", "身份证号码", "身份证号")), person.id_number),
            (stock.pick(("联系电话", "电话", "联系方式")), person.phone),
            (stock.pick(("通信地址", "联系地址", "邮寄地址")), person.address),
            (stock.pick(("邮政编码", "邮编")), person.postcode),
            (stock.pick(("电子邮箱", "电子邮件", "E-mail")), person.email if stock.rng.random() < 0.6 else ""),
        ]
    kept = [pair for pair in pairs if pair[1] or stock.rng.random() < 0.6]
    return _pairs(stock, [pair for pair in kept if stock.rng.random() < 0.9 or pair == kept[0]])


def application_form(stock: Stock, scene: Scene, description: str, purpose: str = "",
                     organization: bool = False) -> str:
    """A filled-in application form; `description` goes into the request box whatever it says."""
    parts = [scene.fill(stock.pick(TITLES))]
    if stock.rng.random() < 0.3:
        parts.append(stock.pick(("申请人信息", "申请人基本情况", "")))
    parts.append(applicant_block(stock, scene, organization))
    parts.append(stock.pick(("所需信息情况", "所需政府信息情况", "申请内容", "")))
    parts.append(f"{stock.pick(DESCRIPTION_LABELS)}\n{description}")
    if purpose or stock.rng.random() < 0.3:
        parts.append(f"{stock.pick(PURPOSE_LABELS)}\n{purpose or stock.pick(('自用', '查验', '维护合法权益', ''))}")
    if stock.rng.random() < 0.3:
        parts.append("是否申请减免费用\n" + _checkboxes(stock, ("申请", "不申请")))
    if stock.rng.random() < 0.8:
        parts.append(f"{stock.pick(MEDIUM_LABELS)}\n" + _checkboxes(stock, ("纸质", "电子邮件", "光盘", "磁盘")))
    if stock.rng.random() < 0.85:
        parts.append(f"{stock.pick(DELIVERY_LABELS)}\n" + _checkboxes(
            stock, stock.pick((("邮寄", "快递", "电子邮件", "传真", "自行领取"),
                               ("邮寄", "电子邮件", "当面领取", "现场查阅"),
                               ("自行领取/当场阅读、抄录", "邮寄", "网上获取")))))
    if stock.rng.random() < 0.3:
        parts.append(_checkboxes(stock, ("若本机关无法按照指定方式提供所需信息，也可接受其他方式",)))
    parts.append(stock.pick(("申请人签名（盖章）", "申请人签名", "签名", "申请人（签字）")) + "\n" + scene.writer.name)
    parts.append(stock.pick(("申请时间", "申请日期", "日期")) + "\n" + scene.values["date"])
    return "\n".join(part for part in parts if part)
