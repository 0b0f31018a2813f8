"""Clause roles: the trained model, the clauses of a text, and how they check the route (Art. 39)."""
from __future__ import annotations

import pytest

from intake.classifiers.clauses.model import ClauseModel
from intake.classifiers.clauses.segment import clauses
from intake.classifiers.route.clauses import Asks, asks, asks_everything, reconcile
from intake.classifiers.understand import understand
from intake.kernel import Classification, Missing, Route


@pytest.fixture(scope="module")
def model() -> ClauseModel:
    return ClauseModel.load()


def test_a_text_splits_into_chinese_and_english_sentences():
    found = clauses("领导好！我想看看去年的检测报告。\nI would like a copy. Thank you very much.")
    # 领导好 is too short to ask anything
    assert [c.text for c in found] == ["我想看看去年的检测报告", "I would like a copy", "Thank you very much."]
    assert found[0].span == (4, 15)


@pytest.mark.parametrize("clause, role", [
    ("麻烦你们把前年对我们村小卖部抽查饮料的检验报告寄一份给我", "ask_info"),
    ("申请公开贵局2023年对城南菜市场电子秤的计量检定记录", "ask_info"),
    ("Please let me have the sampling results for bottled water in 2024", "ask_info"),
    ("把你们局这几年所有的文件都给我一份", "ask_vague"),
    ("这家药店卖假药，请你们赶紧去查，查完告诉我结果", "demand_enforce"),
    ("商家不给退钱，要求你们责令他退款并赔偿我的损失", "demand_redress"),
    ("请问个体工商户年报没报会有什么后果", "question"),
    ("Could you please explain whether the hygiene rule also covers market stalls", "question"),
    # A remedy against the agency's own act on the writer's matter (a list it keeps, a seal it put on).
    ("请解除对我公司的失信惩戒", "demand_agency"),
    # The same decision, named as an item of a request list or demanded undone: the verb decides.
    ("2. 你局作出的聊市监罚〔2024〕58号行政处罚决定书", "ask_info"),
    ("请依法撤销你局作出的聊市监罚〔2024〕58号行政处罚决定", "demand_agency"),
    ("我叫孙小明，住在城东新村5号楼", "other"),
])
def test_the_model_names_what_a_clause_asks(model, clause, role):
    probabilities = model.predict([clause])[0]
    assert max(probabilities, key=probabilities.get) == role, probabilities


def classification(route: Route) -> Classification:
    return Classification(route, 0.9, False)


def test_a_clear_request_overrules_a_weak_other():
    decided = reconcile(Classification(Route.OTHER, 0.45, False),
                        Asks(information=0.97, demand=(Route.REPORT, 0.1), question=0.0, best_information="…"))
    assert decided.route == Route.APPLICATION and any("clauses" in reason for reason in decided.reasons)


def test_a_demand_on_an_application_form_is_not_an_application():
    decided = reconcile(classification(Route.APPLICATION),
                        Asks(information=0.2, demand=(Route.REPORT, 0.95), question=0.0, best_information=None))
    assert decided.route == Route.REPORT


def test_a_request_with_a_demand_stays_an_application_with_its_confidence():
    decided = reconcile(classification(Route.APPLICATION),
                        Asks(information=0.95, demand=(Route.REPORT, 0.9), question=0.0, best_information="…"))
    assert decided.route == Route.APPLICATION and decided.confidence == 0.9


def test_a_report_in_which_only_a_request_is_clear_is_doubted():
    decided = reconcile(classification(Route.REPORT),
                        Asks(information=0.95, demand=(Route.REPORT, 0.2), question=0.0, best_information="…"))
    assert decided.route == Route.REPORT and decided.confidence < 0.5


def test_a_vague_request_is_judged_by_its_clause(model):
    found = [(text, p) for text, p in zip(["你们局有关的东西都给我一份"], model.predict(["你们局有关的东西都给我一份"]))]
    assert asks_everything(found, "你们局有关的东西都给我一份") is True
    assert asks(found).information >= 0.85


def test_a_plain_letter_is_an_application_with_its_description():
    letter = ("市场监管局：\n我是城东新村的住户，前年你们来我们村小卖部抽查过饮料。\n"
              "麻烦你们把那次抽查饮料的检验报告寄一份给我，地址城东新村5号楼，电话13912345678。\n孙小明\n")
    result = understand(letter)
    assert result.classification.route == Route.APPLICATION
    assert result.extraction is not None and "检验报告" in (result.extraction.request.description or "")
    assert Missing.REQUEST_DESCRIPTION not in result.check.missing
