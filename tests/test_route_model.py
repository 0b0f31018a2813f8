"""The trained route classifier shipped in the package (classifiers/route_model.py).

The letters below were written for this test and appear in neither the training file nor the
hand-written check set, so they measure whether the model carries over to new wording.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.classifiers.route.model import (
    DEFAULT_PATH,
    HEAD_CHARS,
    ROUTES,
    TAIL_BUDGET,
    RouteModel,
    RouteModelNotFound,
    clip,
)
from intake.classifiers.training.generate import DEFAULT_OUT, DEFAULT_PER_ROUTE, DEFAULT_SEED, examples

TRAINING = DEFAULT_OUT
HANDWRITTEN = TRAINING.parent / "route_handwritten.jsonl"

APPLICATION = """政府信息公开申请书
申请人：卫明远，联系电话：13700000011，住址：宜昌市西陵区某路8号
本人依法申请公开贵局2023年对本市瓶装液化石油气充装单位开展安全监督检查的检查结果汇总及存在问题单位的整改情况。
请以纸质形式邮寄至上述地址。"""

APPLICATION_FOR_OWN_REPORT_RESULT = """政府信息公开申请
市场监督管理局：
今年四月我举报一家母婴店销售过期奶粉，贵局已经受理。现申请公开贵局就该举报作出的核查结论和对母婴店的行政处罚决定书，
以便我了解处理结果。请发送电子版到我的邮箱。
申请人 柏静"""

# Article 39: written on the application form, but asking the bureau to act.
PETITION_ON_FORM = """政府信息公开申请表
姓名
屈家宝
联系电话
13600000022
所需信息内容描述
贵局对我水果店作出的罚款两千元的决定认定事实错误，我要求撤销该处罚，退还罚款，并对当天执法的人员追究责任。
获取信息的方式
☑邮寄"""

COMPLAINT_ON_FORM = """政府信息公开申请表
申请人姓名 晏小芸
所需信息内容描述
我在某母婴生活馆给孩子买了三千元的游泳课次卡，才上了四次店就关门了，老板联系不上。请贵局责令该店退还剩余的课时费。
获取方式 邮寄"""

REPORT = """举报
某县城东的一家小饭馆，用的是没有任何标签的散装调料，后厨苍蝇乱飞，碗筷也不消毒。我亲眼所见，请尽快派人检查，依法查处。"""

CONSULTATION = """您好，想咨询一下：我准备在家里开网店卖自己腌的咸菜，需要办理食品生产许可证吗？还是办个小作坊登记就行？谢谢解答。"""

OTHER = """关于组织参加全市质量月知识竞赛的通知
各科室、各分局：
为营造关注质量的良好氛围，定于下月中旬举办质量知识竞赛，请各单位推荐两名选手参加，并于本周五前报送名单。"""

NEW_LETTERS = [
    (APPLICATION, "application"),
    (APPLICATION_FOR_OWN_REPORT_RESULT, "application"),
    (PETITION_ON_FORM, "petition"),
    (COMPLAINT_ON_FORM, "complaint"),
    (REPORT, "report"),
    (CONSULTATION, "consultation"),
    (OTHER, "other"),
]


@pytest.fixture(scope="module")
def model() -> RouteModel:
    return RouteModel.load()


def read_jsonl(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_shipped_model_is_inside_the_package(model: RouteModel) -> None:
    assert model.path == DEFAULT_PATH
    assert (DEFAULT_PATH / "textcat" / "model").is_file()
    size = sum(path.stat().st_size for path in DEFAULT_PATH.rglob("*") if path.is_file())
    assert size < 8_000_000


@pytest.mark.parametrize(("text", "route"), NEW_LETTERS, ids=[route for _, route in NEW_LETTERS])
def test_new_letter_gets_its_route(model: RouteModel, text: str, route: str) -> None:
    scores = model.predict(text)
    assert max(scores, key=scores.__getitem__) == route, scores


def test_application_form_demanding_a_remedy_is_not_an_application(model: RouteModel) -> None:
    """Article 39: the form does not make a petition or a complaint an application."""
    for text, route in ((PETITION_ON_FORM, "petition"), (COMPLAINT_ON_FORM, "complaint")):
        scores = model.predict(text)
        assert scores[route] > scores["application"]


def test_asking_for_the_record_of_ones_own_report_is_an_application(model: RouteModel) -> None:
    scores = model.predict(APPLICATION_FOR_OWN_REPORT_RESULT)
    assert scores["application"] > scores["report"]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_probabilities_cover_every_route_and_sum_to_one(model: RouteModel, text: str) -> None:
    scores = model.predict(text)
    assert set(scores) == set(ROUTES)
    assert all(0.0 <= value <= 1.0 for value in scores.values())
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-6)


def test_explain_gives_the_ranking_then_the_words_that_decided(model: RouteModel) -> None:
    reasons = model.explain(COMPLAINT_ON_FORM, top=3)
    assert reasons[0].startswith("complaint ")
    assert 1 < len(reasons) <= 4
    assert any("退还" in reason for reason in reasons[1:])


def test_missing_model_raises_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-model-here"
    with pytest.raises(RouteModelNotFound, match="train_route") as raised:
        RouteModel.load(missing)
    assert str(missing) in str(raised.value)
    assert isinstance(raised.value, FileNotFoundError)


def test_long_letter_keeps_its_head_and_the_request_at_the_end() -> None:
    background = "我是个体经营户，这些年生意一直不好做。" * 200
    text = background + "现申请公开贵局对我店作出的检查记录。" + background
    clipped = clip(text)
    assert clipped.startswith(text[:HEAD_CHARS])
    assert "申请公开贵局对我店作出的检查记录" in clipped
    assert len(clipped) <= HEAD_CHARS + TAIL_BUDGET + 20


def test_training_file_covers_every_route_with_enough_letters() -> None:
    rows = read_jsonl(TRAINING)
    counts = Counter(row["route"] for row in rows)
    assert set(counts) == set(ROUTES)
    assert min(counts.values()) >= 150
    assert len({row["text"] for row in rows}) == len(rows)


def test_training_file_is_what_the_generator_writes() -> None:
    """The committed examples can be rebuilt from the seed (see classifiers/training/generate.py)."""
    generated = {json.dumps(row, ensure_ascii=False) for row in examples(DEFAULT_SEED, DEFAULT_PER_ROUTE)}
    committed = set(TRAINING.read_text(encoding="utf-8").splitlines())
    assert committed == generated


def test_check_letters_are_not_training_letters() -> None:
    training = {row["text"] for row in read_jsonl(TRAINING)}
    held_back = [row["text"] for row in read_jsonl(HANDWRITTEN)] + [text for text, _ in NEW_LETTERS]
    assert not training.intersection(held_back)
