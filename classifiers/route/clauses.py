"""What the clauses ask the agency to do, as evidence for the route (Art. 39).

The rule cues know the usual wordings; the clause-role model (classifiers/clauses) reads what each
sentence asks for in any wording — a plain 我要…的检测报告, an English "I kindly request…", a demand
to punish a shop written into an application form's description cell. Where the two disagree the
clauses decide, but only when one role is clear; the confidence says how far they agreed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from intake.kernel import Classification, Route

# A role this probable in some clause counts as what the letter asks.
CLEAR = 0.85
# An "other" the rules are this sure of (a notice's or an invoice's own heading) stands.
OTHER_STANDS = 0.6
# The roles that ask the agency to act (Art. 39), and the route each one belongs to.
DEMANDS: dict[str, Route] = {"demand_redress": Route.COMPLAINT, "demand_enforce": Route.REPORT,
                             "demand_agency": Route.PETITION, "grievance": Route.PETITION}


@dataclass(frozen=True, slots=True)
class Asks:
    """The strongest clause of each role, over the whole letter."""
    information: float
    demand: tuple[Route, float]
    question: float
    best_information: str | None


def asks(found: Sequence[tuple[str, dict[str, float]]]) -> Asks:
    # A vague request (你们的全部资料) is still a request for information: an application to correct.
    information = max(((p.get("ask_info", 0.0) + p.get("ask_vague", 0.0), text) for text, p in found),
                      default=(0.0, None))
    # A clause demands action with the sum of its demand roles (the roles share one probability, and
    # 让商家退钱 splits it between a complaint's and a petition's wording); its route is the likeliest.
    demands = [(DEMANDS[max(DEMANDS, key=lambda role: p.get(role, 0.0))], sum(p.get(role, 0.0) for role in DEMANDS))
               for _, p in found]
    demand = max(demands, key=lambda item: item[1], default=(Route.OTHER, 0.0))
    question = max((p.get("question", 0.0) for _, p in found), default=0.0)
    return Asks(information[0], demand, question, information[1] if information[0] >= CLEAR else None)


def asks_everything(found: Sequence[tuple[str, dict[str, float]]], description: str | None) -> bool | None:
    """Whether the clause holding the description asks for everything (你们的全部资料) rather than
    something one could search for; None when no clause holds it."""
    if not description:
        return None
    holding = [p for text, p in found if description[:12] in text or text in description]
    if not holding:
        return None
    vague, specific = max(p.get("ask_vague", 0.0) for p in holding), max(p.get("ask_info", 0.0) for p in holding)
    return vague >= 0.7 and vague > specific


Predict = Callable[[Sequence[str]], list[dict[str, float]]]


def in_request(found: Sequence[tuple[str, dict[str, float]]], description: str | None,
               predict: Predict | None = None) -> Asks | None:
    """What the clauses of the request itself (the description cell) ask for; None without one.
    With `predict` (the clause model), a cell written as one long sentence is also read comma by
    comma: 举报…超市卖过期肉，要求立即查封，处理结果告诉我 is a demand, whatever its last words ask."""
    if not description:
        return None
    holding = [(text, p) for text, p in found if _overlaps(text, description)]
    if predict is not None:
        parts = [part.strip() for text, _ in holding for part in re.split(r"[，,]", text)]
        parts = [part for part in parts if len(part) >= 4]
        if len(parts) >= 2:
            holding += list(zip(parts, predict(parts), strict=True))
    return asks(holding) if holding else None


def _overlaps(clause: str, description: str) -> bool:
    clause, description = clause.strip(" 。，,；;"), description.strip()
    return bool(clause) and (clause in description or (len(description) >= 8 and description[:12] in clause))


_QUESTION_WORDS = re.compile(r"[？?]|是否|是不是|吗|什么|怎么|如何|为什么|哪些|哪个|能否|可否|解释|说明|解答|"
                             r"\b(?:whether|what|how|why|which|explain|clarify)\b", re.I)


def reconcile(by_rules: Classification, seen: Asks, request: Asks | None = None,
              specific: bool = False, description: str | None = None) -> Classification:
    """The route the rules chose, checked against what the clauses ask for. `request`: the roles of
    the request cell's own clauses; `specific`: the request names a document (《title》, 文号)."""
    demand_route, demand = seen.demand
    information = seen.information
    if by_rules.route == Route.APPLICATION and request is not None:
        in_cell = _request_cell(by_rules, request, specific, description)
        if in_cell is not None:
            return in_cell
    if by_rules.route == Route.PETITION and specific and information >= CLEAR and request is not None \
            and request.information >= CLEAR and request.demand[1] < 0.5:
        # A request for named records inside a grievance is an application; the grievance is another matter.
        return _overruled(by_rules, Route.APPLICATION, min(information, 0.8),
                          "a clause asks for named records; the grievance around it does not change that")
    if by_rules.route == Route.APPLICATION:
        # The rules saw an application's wording; a clause overrules them only when nothing in the
        # letter looks like a request at all.
        if demand >= CLEAR and information < 0.5:
            return _overruled(by_rules, demand_route, demand, "Art. 39: a clause demands action and none asks for information")
        if seen.question >= CLEAR and information < 0.2 and demand < 0.5 and by_rules.confidence < 0.7:
            return _overruled(by_rules, Route.CONSULTATION, seen.question, "the letter asks a question, not for information")
        return _agreed(by_rules, information)
    if by_rules.route == Route.OTHER and by_rules.confidence < OTHER_STANDS:
        if information >= CLEAR and demand < CLEAR:
            return _overruled(by_rules, Route.APPLICATION, information, "a clause asks for information")
        # A clear demand and a clear question in one letter: the clauses do not settle it; a person does.
        if demand >= CLEAR and seen.question < CLEAR:
            return _overruled(by_rules, demand_route, demand, "a clause demands action")
        if seen.question >= CLEAR and demand < CLEAR:
            return _overruled(by_rules, Route.CONSULTATION, seen.question, "a clause asks a question")
        return by_rules
    if by_rules.route == Route.CONSULTATION and information >= CLEAR and seen.question < 0.5 and demand < 0.5 \
            and not (seen.best_information and _QUESTION_WORDS.search(seen.best_information)):
        # …unless the clause that "asks" is itself a question (如果我申请公开…，是不是要交钱).
        return _overruled(by_rules, Route.APPLICATION, information, "a clause asks for information, none asks a question")
    if by_rules.route in DEMANDS.values() and demand >= CLEAR and demand_route != by_rules.route \
            and by_rules.confidence < 0.7:
        # The rules hesitated between Art. 39 routes; the clause that demands says which (a refund
        # from a business is a complaint, a punishment a report, the agency's own act a petition).
        return _overruled(by_rules, demand_route, demand, f"a clause demands what a {demand_route} asks")
    if by_rules.route in DEMANDS.values() and demand < 0.5 and seen.question >= CLEAR and information < 0.5:
        # A cue word (退货) in a question about the rules: nothing is demanded, something is asked.
        return _overruled(by_rules, Route.CONSULTATION, seen.question, "a clause asks a question, none demands action")
    if demand < 0.5 and information >= CLEAR and by_rules.marked and by_rules.route in DEMANDS.values():
        # Headed as an application, a clause clearly asks for information and none demands or
        # grieves: Art. 39 has nothing to route away.
        return _overruled(by_rules, Route.APPLICATION, min(information, 0.75),
                          "headed as an application, a clause asks for information, none demands action")
    if by_rules.route in DEMANDS.values() and demand >= CLEAR and demand_route == by_rules.route and information < 0.5:
        # The rules hesitated (an application's heading on a complaint), but a clause clearly demands
        # what this route asks and none asks for information: they agree.
        return _agreeing(by_rules, demand)
    if by_rules.route == Route.OTHER:
        return by_rules     # an advertisement's or a notice's own cues stand; a clause offering services asks nothing
    return by_rules if demand >= 0.5 or information < CLEAR else _doubted(by_rules)


def _agreeing(by_rules: Classification, probability: float) -> Classification:
    confidence = round(max(by_rules.confidence, min(0.9, 0.35 + 0.5 * probability)), 3)
    return replace(by_rules, confidence=confidence,
                   reasons=by_rules.reasons + (f"clauses: a clause demands what a {by_rules.route} asks ({probability:.2f})",))


def _request_cell(by_rules: Classification, request: Asks, specific: bool, description: str | None) -> Classification | None:
    """Art. 39 on the form: what the request cell itself asks, when it overrules an application."""
    asked_route, asked_demand = request.demand
    # Clear in the cell, or at least plainly more a demand than a request there.
    # A request naming documents by title or 文号 is overruled only by a clear demand.
    if (asked_demand >= CLEAR and request.information < 0.5) or \
            (not specific and asked_demand >= 0.5 and asked_demand >= request.information + 0.15):
        return _overruled(by_rules, asked_route, asked_demand, "Art. 39: the request demands action and asks for no information")
    # The cell asks the agency to explain a rule (请解释…法律依据是什么): a consultation — when
    # its words are a question's too, so one misread clause does not turn a request away.
    if request.question >= CLEAR and request.information < 0.5 and asked_demand < 0.5 \
            and description is not None and _QUESTION_WORDS.search(description):
        return _overruled(by_rules, Route.CONSULTATION, request.question, "the request asks a question, not for information")
    return None


def _overruled(by_rules: Classification, route: Route, probability: float, why: str) -> Classification:
    # Rules and clauses disagreed: the decision is the clauses', its confidence their probability
    # tempered, so a close call still reaches a person.
    confidence = round(min(0.9, 0.35 + 0.5 * probability), 3)
    return replace(by_rules, route=route, confidence=confidence,
                   reasons=by_rules.reasons + (f"clauses: {why} ({probability:.2f}); rules said {by_rules.route}",))


def _agreed(by_rules: Classification, information: float) -> Classification:
    if information >= CLEAR:
        return by_rules
    # An application by the rules, but no clause clearly asks for information: less sure.
    return replace(by_rules, confidence=round(by_rules.confidence * 0.85, 3),
                   reasons=by_rules.reasons + (f"clauses: no clause clearly asks for information ({information:.2f})",))


def _doubted(by_rules: Classification) -> Classification:
    """A petition, complaint or report by the rules in which only a request for information is clear."""
    return replace(by_rules, confidence=round(min(by_rules.confidence, 0.45), 3),
                   reasons=by_rules.reasons + ("clauses: a clause asks for information, none demands action",))
