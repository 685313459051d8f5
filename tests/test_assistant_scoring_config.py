"""The answering stage's scoring weights are named settings of ``Config``: loaded from YAML
or ``POLICYQA_SCORE_*``, validated, and read by the answerers."""

from __future__ import annotations

import pytest
from answerer_corpus import context

from assistant.answerers.figure import FigureAnswerer
from assistant.answerers.responsibility import ResponsibilityAnswerer
from assistant.match import coverage
from index.config import Config


def test_weights_load_from_the_environment_and_yaml(tmp_path):
    cfg = Config.load(path=tmp_path / "none.yaml", env={"POLICYQA_SCORE_MIN_FIGURE": "0.7", "POLICYQA_TOP_K": "7"})
    assert cfg.score_min_figure == 0.7 and cfg.top_k == 7
    yaml_file = tmp_path / "config.yaml"
    yaml_file.write_text("score_duty_task: 0.6\nfacts_k: 30\n", encoding="utf-8")
    cfg = Config.load(path=yaml_file, env={})
    assert cfg.score_duty_task == 0.6 and cfg.facts_k == 30


@pytest.mark.parametrize(("name", "value"), [("score_min_figure", -0.1), ("score_item", 11.0),
                                             ("facts_k", 0), ("many_documents", 0),
                                             ("score_naming_share", 1.0), ("score_naming_share", -0.1)])
def test_bad_weights_are_refused_by_name(name, value):
    with pytest.raises(ValueError, match=name):
        Config(**{name: value})


def test_the_answerers_read_the_weights(answering):
    question = "云溪县2026年茶叶产业产值目标是多少？"
    assert FigureAnswerer().answer(context(answering, question)) is not None
    strict = context(answering, question).but(config=answering.config.replace(score_min_figure=5.0))
    assert FigureAnswerer().answer(strict) is None
    who = "云溪县保障产业用地由哪些单位负责？"
    assert ResponsibilityAnswerer().answer(context(answering, who)) is not None
    strict = context(answering, who).but(config=answering.config.replace(score_min_duty=5.0))
    assert ResponsibilityAnswerer().answer(strict) is None


class _Even:
    def idf(self, term: str) -> float:
        return 1.0


def test_the_naming_share_is_a_setting_read_by_the_coverage():
    # the clause holds the content word, not the words naming the document
    text, terms, naming = "茶叶产业产值达到12亿元", ["茶叶"], ["实施意见"]
    assert coverage(terms, text, _Even(), naming, 0.0) == 1.0
    assert coverage(terms, text, _Even(), naming, Config().score_naming_share) == 1 - Config().score_naming_share
    assert coverage(terms, text, _Even(), naming, 0.4) == 0.6
