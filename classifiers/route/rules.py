"""What a document is: an application, or mail to route elsewhere (Art. 39).

Weighted cue patterns per route (rules as data), plus the Article 39 test: a document that
looks like an application but in substance asks the agency to act — order a refund, punish,
pay damages, redo a decision — is a petition, complaint or report, not an application. Every
decision keeps the cues that made it, for the review page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from intake.kernel.model import Classification, Route

MARK = re.compile(r"政府信息公开申请")


_REDRESS_CUE = r"退货|退款|退换|退还|退钱|退车|退费|退卡|返还|赔偿(本人|我)?|调解|维权|三包"
# Asking the agency to go and inspect: a report (举报), unless it names a record (检查结果).
_INSPECTION_DEMAND = (r"(请|要求|希望)(贵局|你局|你们|局里)?(立即|尽快|马上|晚上)?(派人)?(去)?(突击|上门|现场)?"
                      r"(检查|查一查|查一下|查查|抽查|调查)(?!结果|记录|情况|报告|的|计划|通报)")


@dataclass(frozen=True, slots=True)
class Cue:
    route: Route
    pattern: str
    weight: float


CUES: tuple[Cue, ...] = (
    # asking for existing information
    Cue(Route.APPLICATION, r"(申请|要求|请求)(依法)?(公开|获取|提供)(以下|如下|下列)?(政府)?信息", 3.0),
    Cue(Route.APPLICATION, r"政府信息公开申请(表|书)?", 1.5),
    # A foreign writer's English: the title, or "I hereby request / apply for the disclosure".
    Cue(Route.APPLICATION, r"(?i)\b(?:disclosure of (?:the )?government information|government information disclosure)\b", 1.5),
    Cue(Route.APPLICATION, r"(?i)\bhereby (?:request|apply)\b|\b(?:request|apply for) (?:the )?disclosure\b", 2.0),
    Cue(Route.APPLICATION, r"所需(政府)?信息|信息内容描述|所需信息名称|申请(公开)?内容[：:]", 2.0),
    Cue(Route.APPLICATION, r"(申请|要求|请求)(公开|获取|提供)", 1.5),
    Cue(Route.APPLICATION, r"(申请|要求|请求)(你们|你局|贵局|贵单位|贵机关)?(依法)?公开", 3.0),
    Cue(Route.APPLICATION, r"(申请|要求|请求)(政府)?信息公开", 3.0),
    Cue(Route.APPLICATION, r"向我们?公开|公开给我|(申请|要求)查询", 2.5),
    Cue(Route.APPLICATION, r"(恳请|请|希望|想请)(贵局|你局|你们|贵单位)?(依法)?(公开|提供)(一下)?.{0,30}(信息|清单|名单|决定书|记录|统计|数量|结果|计划|文件|复印件|台账)", 2.5),
    Cue(Route.APPLICATION, r"(拿到|得到|取得|获得|需要)(你们|贵局|你局)?.{0,20}(决定书|统计|名单|清单|记录|复印件|计划|通报|文件)", 1.5),
    Cue(Route.APPLICATION, r"政府信息公开条例", 1.0),
    Cue(Route.APPLICATION, r"〔\d{4}〕|【\d{4}】|\[\d{4}\]\s*\d+号|《[^》]{4,60}(通知|决定书?|计划|方案|报告|意见|办法|规定|名单|公告|通报|批复|纪要)》", 1.5),
    Cue(Route.APPLICATION, r"(想|要|希望)(看看|查阅|了解)(这个|该|上述|一下)?.{0,6}(计划|文件|通知|决定|报告|名单|方案)|现场查阅|查阅、抄录", 1.5),
    Cue(Route.APPLICATION, r"(获取|提供)(信息|政府信息)?的?方式|载体形式|以纸质|电子文档形式|邮寄给我|发送至", 1.0),
    # petition: one's own matter, asking for a solution or redress from the agency
    Cue(Route.PETITION, r"解决(问题|本人|我的)?|给我一个说法|(?:为|给|替)(?:我|我们)做主|求(?:你们|领导|政府|局里)?做主|"
                        r"讨个说法|主持公道", 2.0),
    Cue(Route.PETITION, r"撤销(对我|对本人)?的?(处罚|决定)|退还罚款|处罚过重|重新(处理|调查|处罚|认定)", 2.5),
    Cue(Route.PETITION, r"精神(损失|损害)|打击报复|不公正?|不作为|态度恶劣|多次(反映|到)", 1.5),
    Cue(Route.PETITION, r"信访|上访|反映人|诉求|恳请|申诉", 1.5),
    Cue(Route.PETITION, r"追究.{0,12}(人员|经办人|工作人员|执法人员).{0,4}责任", 2.0),
    Cue(Route.PETITION, r"(请|恳请|希望|要求)(你们|你局|贵局|政府|领导|局里)(帮忙|帮助|帮|协调|督促|出面|处理|解决|查一下|做主)", 2.5),
    Cue(Route.PETITION, r"拖欠|欠薪|讨薪|工资|工伤|拆迁|补偿款|冻结|下落", 1.5),
    Cue(Route.PETITION, r"求求|恳求|开恩|少罚|交不起|分期交|从轻处理|高抬贵手|网开一面", 2.5),
    # complaint: a consumer dispute with a business, seeking redress
    Cue(Route.COMPLAINT, r"投诉书|投诉人|被投诉人|我要投诉|特此投诉|现投诉|现予投诉|投诉如下|投诉事项|投诉请求", 2.5),
    Cue(Route.COMPLAINT, r"投诉", 0.5),
    Cue(Route.COMPLAINT, _REDRESS_CUE, 2.0),
    Cue(Route.COMPLAINT, r"购买|消费者|商家|售后|质量问题|价款", 1.0),
    Cue(Route.COMPLAINT, r"责令.{0,20}(退|赔|更换|履行)", 2.5),
    # report: wrongdoing, seeking investigation
    Cue(Route.REPORT, r"举报信|举报人|举报材料|被举报|我要举报|特此举报|现举报|现予举报|实名举报|举报如下|举报事项", 2.5),
    Cue(Route.REPORT, r"举报", 0.7),
    Cue(Route.REPORT, r"涉嫌|违法(行为|经营)|无证|无照|无营业执照|假冒|伪劣|过期|非法", 1.5),
    Cue(Route.REPORT, r"(依法)?(?<![核检审])查处(?![置理])|调查处理|严厉打击|取缔|立案查处", 2.0),
    Cue(Route.REPORT, _INSPECTION_DEMAND, 2.0),
    Cue(Route.REPORT, r"线索|怀疑.{0,12}(作弊|造假|违法|假冒|掺|注水)|偷偷|无证|无任何认证", 1.5),
    # consultation: a question, not a document
    Cue(Route.CONSULTATION, r"咨询|请问|想问|请教|答复我|解答", 2.0),
    Cue(Route.CONSULTATION, r"如何办理|怎么办理|需要(哪些|什么)|是否(需要|可以)|能否|可不可以|要不要|多长时间|是.{1,10}还是", 1.5),
    Cue(Route.CONSULTATION, r"？|(?<=[\u4e00-\u9fff])\?", 0.7),
    # Whether a cited document is still in force: a question about the law, not a request for it.
    Cue(Route.CONSULTATION, r"(是否|是不是)(仍然|仍|还|依然)?(有效|失效|废止|适用|继续执行)|(还|仍然|现在)有效吗|"
                            r"(?i:\bstill (?:valid|in force)\b)", 3.0),
    # other mail
    Cue(Route.OTHER, r"发票(代码|号码)?|开票日期|价税合计|税额", 3.0),
    Cue(Route.OTHER, r"报名|培训班?|招生|优惠|火热|咨询热线|学费|课程", 1.5),
    Cue(Route.OTHER, r"会议|会员(单位|代表)|各.{0,6}单位[：:]|通知如下|参会|回执", 1.5),
    Cue(Route.OTHER, r"广告|促销|特价|热线", 1.0),
    Cue(Route.OTHER, r"季刊|月刊|期刊|杂志|目录|本期|订阅", 1.5),
    Cue(Route.OTHER, r"转办函|交办函|转办单|现将.{0,30}转(给|交|送|至)|转交你局|请.{0,8}依法依规办理|按程序办理并", 3.0),
    Cue(Route.OTHER, r"感谢信|表扬信|锦旗|致谢|衷心感谢|特此感谢|邀请函|诚邀|简报|通讯(?!地址|录|员)|第\d+期|回执|应诉通知书|传票|签收", 1.5),
)

# Art. 39: what the applicant demands of the agency, in the part that should describe information.
DEMANDS: tuple[tuple[Route, str], ...] = (
    # against the agency's own decision or conduct: a petition even inside a consumer dispute
    (Route.PETITION, r"撤销|退还罚款|重新处理|重新调查|追究.{0,12}(人员|经办人|工作人员|执法人员).{0,4}责任|处理结果不公"),
    (Route.COMPLAINT, r"(责令|强制|要求|督促|让).{0,30}(退货|退款|退换|赔偿|更换|退费|退还|返还)|(退货|退款|退费|赔偿本人|赔偿我|组织.{0,6}调解|出面.{0,6}调解)"),
    (Route.PETITION, r"解决问题|给.{0,4}说法|做主|督促.{0,12}(解决|处理|恢复|修复)|尽快解决|给.{0,6}交代|"
                     r"恢复(我的|本人的)?.{0,6}(执照|许可|营业|经营)|(减轻|减免|从轻|免除|少罚).{0,6}(处罚|罚款)|罚款.{0,8}(太重|过重|减少)"),
    (Route.REPORT, r"(?<![核检审])查处(?![置理])|取缔|立案调查|依法处理该|对.{0,20}(进行)?调查|" + _INSPECTION_DEMAND),
)
# A complaint (投诉) is a consumer's dispute with a business (市场监督管理投诉举报处理暂行办法 Art. 3).
_CONSUMER_DISPUTE = re.compile(r"购买|购得|买了|商家|消费者?|商品|售后|退货|店内|网购|订单|会员卡|预付|充值|装修|经营者|"
                               r"合同|付款|已付|定金|押金|工程款|花了?\d+元|年卡|会员|会费|办卡|充值|消费|会所|健身|"
                               r"买的|买来|卖家|卖的|二手|营业厅|套餐|宽带|"
                               r"餐厅|饭店|酒店|快递|网店|电商|外卖|门店|专卖店|超市|商场|商城|车行|4S店|培训机构")
# "…的案件数量 / 的处罚决定书 / 的结果" later in the same clause: the demand word is part of the
# description of records.
_NAMES_RECORDS = re.compile(r"(的|时制作的|中形成的).{0,12}?(数量|情况|结果|记录|笔录|决定书?|文书|材料|信息|告知书|台账|通知书|清单|报告|依据|文件|名单|统计|案例|金额|证据|档案)")
# A demand word followed by these names a record of the action, which is information.
_RECORD_OF_ACTION = re.compile(r"^.{0,8}?(情况|结果|记录|决定书?|文书|材料|信息|告知书|台账|通知书|清单|报告|依据|文件|名单)")
INFORMATION_ASK = re.compile(r"(公开|提供|获取|查阅).{0,40}(信息|文件|决定书|记录|结果|名单|报告|清单|材料|情况|通知|数据|档案|公告|统计|计划)")


def classify(text: str, *, subject: str = "", request_text: str | None = None,
             model_cats: dict[str, float] | None = None, model_weight: float = 0.0,
             article_39_overrides: bool = True, marked: bool | None = None) -> Classification:
    """Route a document from rule cues, optionally blended with a trained model's probabilities.
    `marked`: whether the heading carries 政府信息公开申请, as the caller judged it on the lines as
    printed (`is_marked`); judged here when not given."""
    full = f"{subject}\n{text}" if subject else text
    marked = is_marked(text, subject) if marked is None else marked
    reasons: list[str] = []
    scores = _cue_scores(full, _topic_free(full, request_text), reasons)
    _title_scores(text, scores, reasons, subject)
    article_39 = _article_39(full, request_text, scores, marked, reasons)
    if sum(scores.values()) <= 0 and not model_cats:
        return Classification(Route.OTHER, 0.4, marked, tuple(reasons + ["no cue matched"]))
    weight = model_weight if model_cats else 0.0
    if model_cats:
        top_model = max(model_cats.items(), key=lambda item: item[1])
        reasons.append(f"model: {top_model[0]} {top_model[1]:.2f}")
    if request_text and _is_question(request_text) and article_39 is None:
        # The "information" asked for is an answer to questions: a consultation (咨询).
        scores[Route.CONSULTATION] += scores[Route.APPLICATION] + 1.0
        article_39 = Route.CONSULTATION
        reasons.append("the request is a question, not a document → consultation")
    rule_p, blended = _blend(scores, model_cats, weight)
    best, top = _choose(scores, rule_p, blended, model_cats)
    if article_39 is not None and article_39_overrides:
        best, top = article_39, max(top, blended[article_39])
    if max(scores.values()) < 1.5 and article_39 is None:
        model_best, model_p = max((model_cats or {"other": 0.0}).items(), key=lambda item: item[1])
        if not (model_p >= 0.5 and _mostly_chinese(full)):
            # Hardly a cue for any route: mail for the office's general tray, with a person's eye on it.
            reasons.append("no clear cue for any route → other")
            return Classification(Route.OTHER, 0.45, marked, tuple(reasons))
    return Classification(best, _confidence(scores, blended, best, top, model_cats, reasons), marked, tuple(reasons))


def _topic_free(full: str, request_text: str | None) -> str:
    """Words inside the description of the information asked for (投诉举报数量, 查处结果) name its
    topic, not what the letter is; they are left out unless the request itself demands action."""
    if request_text and len(request_text) >= 6 and _demand(request_text) is None and not _is_question(request_text):
        return full.replace(request_text, "　")
    return full


def _cue_scores(full: str, topic_free: str, reasons: list[str]) -> dict[Route, float]:
    scores = {route: 0.0 for route in Route}
    redress = 0.0
    for cue in CUES:
        hits = re.findall(cue.pattern, full if cue.route == Route.APPLICATION else topic_free, flags=re.M)
        if hits:
            scores[cue.route] += cue.weight * min(len(hits), 3) ** 0.5
            if cue.pattern == _REDRESS_CUE:
                redress = cue.weight * min(len(hits), 3) ** 0.5
            reasons.append(f"{cue.route}: /{cue.pattern}/ ×{len(hits)}")
    if redress and not _CONSUMER_DISPUTE.search(topic_free):
        # Redress for one's own matter (工伤, 罚款, 拆迁), not a purchase: a petition (信访).
        scores[Route.PETITION] += redress
        scores[Route.COMPLAINT] -= redress
        reasons.append("redress asked outside a consumer dispute counts for a petition")
    return scores


_TITLE_WORDS = ((Route.COMPLAINT, r"投诉"), (Route.REPORT, r"举报(?!人)"), (Route.CONSULTATION, r"咨询"),
                (Route.PETITION, r"信访|请求解决|申诉|反映"),
                (Route.OTHER, r"通知|发票|广告|特惠|促销|邀请函|感谢信|表扬信|贺信|贺卡|慰问信|倡议书|简报|通讯(?!地址|录|员)|回执|回单|"
                               r"签收单|退回批条|应诉通知书|转办函|交办函"))


# What a forwarded or answered e-mail's subject starts with (转发：关于举办…的通知).
_FORWARDED = re.compile(r"^\s*(?:(?:转发|回复|答复|Fwd?|Re|FW|RE|AW|WG)\s*[：:]\s*)+", re.I)


def _title_scores(text: str, scores: dict[Route, float], reasons: list[str], subject: str = "") -> None:
    """The title line says most about what a letter is; an e-mail's subject is its title too."""
    titles = [title for title in (_title(text), _FORWARDED.sub("", subject).strip()) if title]
    for route, pattern in _TITLE_WORDS:
        # A title that asks for a document names it (申请公开《…的通知》): its words are not the mail's kind.
        title = next((title for title in titles if re.search(pattern, title)
                      and not (route == Route.OTHER and re.search(r"申请|《", title))), None)
        if title:
            scores[route] += 3.0
            reasons.append(f"{route}: title {title!r}")


def _article_39(full: str, request_text: str | None, scores: dict[Route, float], marked: bool,
                reasons: list[str]) -> Route | None:
    """Art. 39: the application form used to seek action, not information."""
    demand = _demand(request_text if request_text is not None else full, context=full)
    if demand is None or not (scores[Route.APPLICATION] >= 2.5 or marked):
        return None
    route, words = demand
    if request_text and INFORMATION_ASK.search(request_text) and not _demand_dominates(request_text):
        return None
    scores[route] += scores[Route.APPLICATION] + 2.0
    reasons.append(f"Art. 39: demands action ({words!r}) → {route}")
    return route


def _blend(scores: dict[Route, float], model_cats: dict[str, float] | None,
           weight: float) -> tuple[dict[Route, float], dict[Route, float]]:
    total = sum(scores.values())
    rule_p = {route: (score / total if total > 0 else 1 / len(Route)) for route, score in scores.items()}
    blended = {route: (1 - weight) * rule_p[route] + weight * float((model_cats or {}).get(str(route), 0.0))
               for route in Route}
    return rule_p, blended


def _choose(scores: dict[Route, float], rule_p: dict[Route, float], blended: dict[Route, float],
            model_cats: dict[str, float] | None) -> tuple[Route, float]:
    ranked = sorted(blended.items(), key=lambda item: -item[1])
    best, top = ranked[0]
    if not model_cats or sum(scores.values()) <= 0:
        return best, top
    rules_ranked = sorted(rule_p.items(), key=lambda item: -item[1])
    rules_margin = rules_ranked[0][1] - rules_ranked[1][1]
    model_best, model_p = max(model_cats.items(), key=lambda item: item[1])
    # The trained model overturns the rules only when it is sure and the rules are not: a close
    # call, or an "application" resting on nothing but its heading.
    rules_weak = rules_margin < 0.15 or max(scores.values()) < 2.5
    if model_p >= 0.5 and rules_weak and model_best in {str(r) for r in Route}:
        return Route(model_best), blended[Route(model_best)]
    return rules_ranked[0][0], blended[rules_ranked[0][0]]


def _confidence(scores: dict[Route, float], blended: dict[Route, float], best: Route, top: float,
                model_cats: dict[str, float] | None, reasons: list[str]) -> float:
    second = sorted(blended.values(), reverse=True)[1]
    rules_best = max(scores.items(), key=lambda item: item[1])[0]
    margin = (top - second) / (top + 1e-9)
    strength = min(1.0, max(scores.values()) / 6.0)   # how much evidence the rules saw at all
    confidence = 0.35 + 0.4 * margin + 0.25 * strength
    if model_cats and best != rules_best:
        confidence -= 0.2   # rules and model disagree: let a person look
        reasons.append(f"rules said {rules_best}, model said {best}")
    return round(max(0.05, min(0.99, confidence)), 3)


def is_marked(text: str, subject: str = "") -> bool:
    return _marked(text) or bool(MARK.search(subject))


def _marked(text: str) -> bool:
    """政府信息公开申请 on the envelope, the form's title or the letter's heading — a short line near
    the top, not a sentence in the body that mentions such applications."""
    for line in _head(text).splitlines():
        # One visual line may hold two blocks (the envelope's corner mark beside the sender's postcode).
        for block in [line, *re.split(r"\s+", line.strip())]:
            compact = re.sub(r"\s", "", block)
            if _MARK_LINE.search(compact) or (_MARK_BANNER.search(compact) and not _NOT_A_BANNER.search(compact)):
                return True
    return False


# A printout's banner: 山东省政府信息公开申请平台·申请详情 — short, no sentence, not a reply's title.
_MARK_BANNER = re.compile(r"^[^，,。；;：:]{0,16}政府信息公开申请[^，,。；;：:]{1,12}$")
_NOT_A_BANNER = re.compile(r"答复|告知|决定|回复|我|本人|提出|提交|根据|依据|关于|办理|如何|流程|须知|指南")


# The marking is a heading or envelope line that ends with it: 政府信息公开申请, …申请书, …申请表（网上申请）.
# …申请函, …申请（当面提交）受理单, …申请回执: the document kind may follow a note in brackets.
_MARK_LINE = re.compile(r"^[^，,。；;]{0,24}政府信息公开申请([（(][^）)]{0,10}[）)])?"
                        r"([\u4e00-\u9fff]{0,3}(书|表|单|函|回执))?([（(][^）)]{0,10}[）)])?[:：]?$")


def _head(text: str) -> str:
    """The envelope, letterhead and heading: the first lines of the first page."""
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:10])


def _title(text: str) -> str | None:
    for line in text.splitlines()[:6]:
        line = line.strip()
        if 2 <= len(line) <= 30 and not re.search(r"[：:，,。]$|FROM|^\d", line) and re.search(
                r"(申请|书|函|信|表|通知|发票|材料|批条|回执|回单|贺卡)$", line):
            return line
    return None


def _demand(text: str, context: str | None = None) -> tuple[Route, str] | None:
    consumer = bool(_CONSUMER_DISPUTE.search(context or text))
    for route, pattern in DEMANDS:
        for match in re.finditer(pattern, text):
            clause_end = re.search(r"[，,。；;！!？?\n]", text[match.end():])
            clause = text[match.end():match.end() + (clause_end.start() if clause_end else len(text))]
            # "查处…违法行为的案件数量" names records of an action: that is information.
            if _RECORD_OF_ACTION.match(text[match.end():]) or _NAMES_RECORDS.search(clause) \
                    or text[match.end():match.end() + 1] == "的":   # 查处的案件: a modifier, not a demand
                continue
            if route == Route.COMPLAINT and not consumer:
                return Route.PETITION, match.group(0)   # redress for one's own matter, not a purchase
            return route, match.group(0)
    return None


def _mostly_chinese(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("\u4e00" <= c <= "\u9fff" for c in letters) >= 0.5 * len(letters)


def _is_question(request_text: str) -> bool:
    questions = len(re.findall(r"[？?]", request_text))
    asks_documents = re.search(r"《|〔|决定书|通知书|名单|清单|报告|记录|台账|统计|文件|公告|结果|数据", request_text)
    return questions >= 2 or (questions == 1 and not asks_documents and
                              bool(re.search(r"是否|能否|如何|怎么|哪些|什么|多少|可以吗|吗[？?]", request_text)))


def _demand_dominates(request_text: str) -> bool:
    """True when the demand is the request itself, not a word inside an information request."""
    return bool(re.search(r"(要求|请求|申请|恳请|请)(你局|贵局|市局)?.{0,6}(责令|撤销|查处|赔偿|重新|追究|退还|处理)", request_text))
