"""Consultations (咨询): questions that want an explanation or advice, not a document.

Some are written on the application form, or ask how to apply for information; asking how a
rule works or why the bureau decided something is still a question (咨询质疑), not a request for
existing information.
"""
from __future__ import annotations

from collections.abc import Callable

from intake.classifiers.training.banks import Stock
from intake.classifiers.training.forms import application_form
from intake.classifiers.training.scene import Scene, closing, greeting, signature

GENERAL = (
    "申请政府信息公开需要提交哪些材料，可以网上申请吗，多久能答复",
    "投诉和举报有什么区别，我的情况应该走哪个渠道",
    "对行政处罚决定不服，是先申请行政复议还是可以直接起诉",
    "12315的投诉一般多长时间会有结果",
    "办理营业执照收不收费",
    "贵局窗口周六是否上班，办事需要预约吗",
    "举报奖励是怎么计算的，什么时候发放",
    "小微企业年报逾期了还能补报吗",
    "企业信用修复要走什么流程",
    "外卖骑手发现商家卫生问题可以向哪个部门反映",
)
WHY = (
    "贵局对{shop}作出处罚的法律依据是什么，请逐条说明",
    "为什么{company}的问题不予立案，理由是什么",
    "贵局认定该行为属于价格欺诈，依据的是哪个文件的哪一条",
    "同样的情况为什么别的区可以办，{district}却不能办，请解释",
    "贵局答复中所说的“依法处理”具体是指什么",
)
EITHER_OR = (
    "营业执照变更是在网上办理还是必须到现场",
    "食品经营许可证是找区局办还是找市局办",
    "电梯年检费用是物业出还是业主出",
    "个体户转让是办理变更还是先注销再重新登记",
    "商标侵权是找市场监管局还是直接找法院",
)


def _question(stock: Stock, scene: Scene) -> str:
    pool = scene.topic.questions + GENERAL + WHY + EITHER_OR
    return scene.fill(stock.pick(pool))


def _questions(stock: Stock, scene: Scene, count: int) -> list[str]:
    return list(dict.fromkeys(_question(stock, scene) for _ in range(count)))


def short(stock: Stock, scene: Scene) -> str:
    question = _question(stock, scene)
    return stock.pick((
        f"请问{question}？", f"您好，想咨询一下，{question}？谢谢。", f"{question}？麻烦告知一下。{scene.writer.name}",
        f"咨询：{question}？\n联系电话：{scene.writer.phone}", f"你好，我想问一下{question}？",
    ))


def email(stock: Stock, scene: Scene) -> str:
    questions = _questions(stock, scene, stock.rng.randint(1, 3))
    context = stock.pick((
        f"我在{scene.district}准备开一家{stock.pick(scene.topic.shop_kinds)}，", "我是一名普通消费者，", f"我们公司是做{scene.topic.trade}的，",
        "最近遇到一个问题，", "",
    ))
    body = "\n".join(f"{i}.{q}？" for i, q in enumerate(questions, 1)) if len(questions) > 1 else f"想请问{questions[0]}？"
    return "\n".join((
        f"发件人：{scene.writer.email}", f"主题：{stock.pick(('咨询', '请教一个问题', '政策咨询', '咨询' + scene.topic.name + '问题'))}",
        "", stock.pick(("您好！", "你好，", greeting(stock, scene))), context + stock.pick(("有几个问题想咨询：", "", "想了解一下：")),
        body, stock.pick(("盼回复，谢谢！", "请予解答。", "谢谢！")), scene.writer.name,
    ))


def letter(stock: Stock, scene: Scene) -> str:
    questions = _questions(stock, scene, stock.rng.randint(2, 4))
    return "\n".join((
        stock.pick(("咨询函", "咨询信", "关于有关问题的咨询", "请示咨询", "")), greeting(stock, scene),
        f"本人{scene.writer.name}，" + stock.pick(("因工作需要，", "因经营需要，", "对以下问题不太清楚，", "")) + "现就以下问题向贵局咨询：",
        "\n".join(f"{i}、{q}？" for i, q in enumerate(questions, 1)),
        stock.pick(("请予以解答为盼。", "请书面答复。", "望给予解释。", "请逐条答复。")), closing(stock), signature(stock, scene),
    ))


def on_form(stock: Stock, scene: Scene) -> str:
    questions = _questions(stock, scene, stock.rng.randint(1, 2))
    description = stock.pick((
        "请问" + "？".join(questions) + "？", "请解释：" + "；".join(questions) + "。",
        "；".join(questions) + "？请予说明。", "我想了解" + questions[0] + "。",
    ))
    return application_form(stock, scene, description, stock.pick(("了解政策", "咨询", "")))


def hotline(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("来电记录", "12345热线工单", "电话咨询登记")), f"来电人：{scene.writer.name}", f"来电号码：{scene.writer.phone}",
        f"来电时间：{scene.values['date']}", f"诉求类型：{stock.pick(('咨询', '政策咨询'))}",
        f"来电内容：市民来电咨询{_question(stock, scene)}。", stock.pick(("请相关部门答复。", "已告知来电人等待回复。", "")),
    ))


def why_letter(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        greeting(stock, scene),
        f"{scene.values['date']}收到贵局的答复，{stock.pick(('有几点不理解', '对其中内容有疑问', '看不太明白'))}：",
        "\n".join(f"{i}.{scene.fill(q)}？" for i, q in enumerate(list(dict.fromkeys(stock.pick(WHY) for _ in range(2))), 1)),
        stock.pick(("请解释说明。", "请给予明确答复。", "希望能给一个解释。")), signature(stock, scene),
    ))


WRITERS: tuple[tuple[str, Callable[[Stock, Scene], str], float], ...] = (
    ("con.short", short, 3.0), ("con.email", email, 2.0), ("con.letter", letter, 2.0), ("con.on_form", on_form, 1.5),
    ("con.hotline", hotline, 1.0), ("con.why", why_letter, 0.8),
)
