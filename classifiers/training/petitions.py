"""Petitions (信访): the writer's own matter with the bureau, asking it to put something right.

A third of them are written on the application form or headed 政府信息公开申请: Article 39
says those are still petitions, because what they ask for is a remedy, not a document.
"""
from __future__ import annotations

from collections.abc import Callable

from intake.classifiers.training.banks import Stock
from intake.classifiers.training.forms import application_form
from intake.classifiers.training.scene import Scene, closing, greeting, signature

DEMANDS = (
    "请求撤销{docno}行政处罚决定，退还罚款{amount}元",
    "要求贵局重新调查处理，并给出解决问题的方案",
    "请求追究相关执法人员滥用职权的责任",
    "要求赔偿因此造成的经济损失{amount}元和精神损失",
    "请领导为我做主，给我一个说法",
    "请求纠正错误做法，恢复我的合法权益",
    "要求对办案人员{official}的违规行为严肃处理",
    "请尽快解决我反映多年的问题",
    "要求立即停止对我的打击报复",
    "要求重新作出认定，并向我公开道歉",
    "请求解除对我店铺的查封，归还扣押的物品",
    "请局领导亲自过问，督促下属单位依法办理",
    "要求撤销对我的错误认定，消除影响",
    "请把我的执照恢复过来",
    "还我一个清白",
    "请求恢复营业，赔偿停业期间的损失",
    "要求将我公司移出失信名单，恢复信用",
    "请退还被没收的货物",
)
STORIES = (
    "我从{year}年开始反映这个问题，跑了不下二十趟，每次都说研究研究，至今没有结果",
    "执法人员{official}在检查时对我辱骂威胁，事后还多次到店里找茬刁难",
    "我举报了{company}以后，身份被泄露，遭到对方打击报复，门店玻璃被砸",
    "我的店铺被查封已经半年，贵局既不处理也不解封，全家生活没有着落",
    "贵局对我的处罚认定事实不清、程序违法，我不服",
    "{district}市场监管所对辖区商户选择性执法，只罚我一家，其他同样情况的店都没事",
    "我是下岗职工，靠开这个小店养家，罚款{amount}元对我来说就是倾家荡产",
    "贵局对我反映的问题答复敷衍，答复内容与事实完全不符",
    "经办人员收了对方好处，偏袒对方，对我的材料不予理睬",
    "贵局窗口把我的注销申请退回了四次，每次说法都不一样",
    "执法人员没有出示证件就进店检查，还拍了顾客的照片发到网上",
    "我公司被错误地列入严重违法失信名单，银行贷款被停，损失巨大",
    "所里的人说我无证经营，可我的执照明明挂在墙上",
    "我的店铺被强行贴了封条，到现在没有任何书面文书",
    "贵局对我的举报只回了一句“已处理”，明显是敷衍",
    "我是残疾人，摆个小摊维持生活，却被没收了全部货物",
)
HEADINGS = (
    "情况反映", "信访信", "反映信", "申诉书", "关于请求解决问题的报告", "恳请信", "申诉材料", "紧急求助信",
    "关于{docno}处罚决定的申诉", "再次反映情况", "信访事项", "致局长的一封信", "",
)
SUGGESTIONS = (
    "建议在{district}农贸市场设立公平秤，并定期公布检定结果",
    "建议对老旧小区电梯实行统一维保招标，降低物业费用",
    "建议简化个体户注销流程，实行一次办结",
    "建议加强对校园周边小卖部的食品安全检查频次",
    "建议在12315平台增加预付卡退费的专门入口",
    "建议对直播带货建立统一的商家信息公示制度",
)


def _story(stock: Stock, scene: Scene) -> str:
    pool = scene.topic.grievances + STORIES
    first = scene.fill(stock.pick(pool))
    if stock.rng.random() < 0.5:
        return first + "。" + scene.fill(stock.pick(STORIES)) + "。"
    return first + "。"


def _demands(stock: Stock, scene: Scene) -> str:
    count = stock.rng.randint(1, 3)
    chosen = [scene.fill(stock.pick(DEMANDS)) for _ in range(count)]
    unique = list(dict.fromkeys(chosen))
    if len(unique) == 1:
        return unique[0] + "。"
    return "\n".join(f"{i}.{item}；" for i, item in enumerate(unique, 1))


def letter(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        scene.fill(stock.pick(HEADINGS)), greeting(stock, scene),
        stock.pick(("我叫", "本人", "反映人", "我是")) + scene.writer.name + stock.pick((
            f"，家住{scene.writer.address}。", f"，是{scene.district}的个体经营户。", "。", f"，{scene.city}市人。")),
        _story(stock, scene),
        stock.pick(("现提出以下请求：", "为此，我请求：", "我的诉求是：", "恳请领导：", "")), _demands(stock, scene),
        stock.pick(("恳请领导在百忙之中给予解决！", "如果再得不到解决，我只能继续向上级反映。", "盼望早日答复。", "")),
        closing(stock), signature(stock, scene, stock.pick(("反映人：", "信访人：", "申诉人：", ""))),
    ))


def on_form(stock: Stock, scene: Scene) -> str:
    description = stock.pick((
        _demands(stock, scene), _story(stock, scene) + _demands(stock, scene),
        _story(stock, scene) + stock.pick(("请贵局给出解决方案。", "请给我一个明确的说法。", "请重新处理。")),
    ))
    return application_form(stock, scene, description, stock.pick(("维护合法权益", "解决问题", "讨回公道", "")))


def marked_letter(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("政府信息公开申请书", "政府信息公开申请", "信息公开申请书")),
        f"申请人：{scene.writer.name}，身份证号：{scene.writer.id_number}，电话：{scene.writer.phone}",
        f"被申请人：{scene.agency}" if stock.rng.random() < 0.5 else "",
        stock.pick(("申请事项：", "申请内容：", "请求事项：")) + "\n" + _demands(stock, scene),
        stock.pick(("事实与理由：", "理由：", "")) + _story(stock, scene),
        stock.pick(("根据《政府信息公开条例》提出申请，请依法处理。", "特此申请。", "望贵局依法答复并解决。")),
        signature(stock, scene, "申请人："),
    ))


def mailbox(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("局长信箱", "领导信箱来信", "市长热线转办件", "网上信访")),
        f"来信人：{scene.writer.name}  联系电话：{scene.writer.phone}",
        f"标题：{stock.pick(('请求解决', '反映', '申诉', '强烈要求处理'))}{scene.topic.name}{stock.pick(('问题', '的事情', '处罚不公'))}",
        "内容：" + _story(stock, scene) + _demands(stock, scene),
    ))


def short(stock: Stock, scene: Scene) -> str:
    return stock.pick((
        f"领导：{_story(stock, scene)}{_demands(stock, scene)}{scene.writer.name}",
        f"{scene.agency}：我的事情到现在没人管。{_story(stock, scene)}请给我解决。\n{scene.writer.name} {scene.writer.phone}",
        f"第{stock.pick(('三', '四', '五', '六', '十'))}次反映：{_story(stock, scene)}{_demands(stock, scene)}",
    ))


def review_request(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("信访事项复查申请", "不服处理意见的复查请求", "请求复查")),
        greeting(stock, scene),
        f"{scene.values['date']}贵局对我反映的问题出具了处理意见，我不同意该意见。理由是：{_story(stock, scene)}",
        "请求：" + _demands(stock, scene), closing(stock), signature(stock, scene),
    ))


def suggestion(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("意见建议", "关于改进工作的建议", "群众建议", "一点建议")), greeting(stock, scene),
        f"我是一名普通市民，{stock.pick(('平时', '最近', '多年来'))}注意到{scene.topic.name}方面存在一些问题。"
        + scene.fill(stock.pick(SUGGESTIONS)) + "。" + scene.fill(stock.pick(SUGGESTIONS)) + "。",
        stock.pick(("希望领导采纳。", "以上建议供参考，望予研究。", "")), signature(stock, scene),
    ))


WRITERS: tuple[tuple[str, Callable[[Stock, Scene], str], float], ...] = (
    ("pet.letter", letter, 3.0), ("pet.on_form", on_form, 2.0), ("pet.marked", marked_letter, 1.5),
    ("pet.mailbox", mailbox, 1.0), ("pet.short", short, 1.0), ("pet.review", review_request, 0.8),
    ("pet.suggestion", suggestion, 0.6),
)
