"""Values one sentence implies from two of its figures (answerers/complement.py), on a
county's statistical bulletin written for these tests: 不是X的 is the whole less the part its
其中 names; 新增…之前 is the level less the increment written beside it (after it with 达,
or before it with 比…新增); a part or a measure the sentence does not name is refused, not
answered with the whole."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on

DOC = {"doc_id": "heyang-2033", "file": "heyang_bulletin_2033.txt", "title": "和阳县2033年国民经济和社会发展统计公报",
       "label": "和阳县2033年国民经济和社会发展统计公报", "place": "和阳县", "year": 2033, "script": "simplified",
       "kind": "公报", "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def heyang(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("complement"), [DOC], request, name="complement")


def test_the_rest_of_a_whole_is_the_whole_less_its_part(heyang):
    ans = heyang.ask("和阳县粮食播种面积里，不是稻谷的有多少万亩？")
    assert ans.found and ans.type == "derived" and ans.computation == "52.6−40.1=12.5"
    assert "12.5万亩" in ans.answer and "据文件数字计算" in ans.answer


def test_the_rest_of_a_count_of_indicators(heyang):
    ans = heyang.ask("和阳县监测指标里，不是自动生成的有几个？")
    assert ans.found and ans.computation == "32−20=12" and "12个" in ans.answer


def test_a_part_the_sentence_does_not_name_is_refused(heyang):
    ans = heyang.ask("和阳县粮食播种面积里，不是玉米的有多少万亩？")
    assert not ans.found and "52.6" not in ans.answer


def test_the_level_before_an_increment_written_after_it(heyang):
    ans = heyang.ask("和阳县新建那批农村公路之前，农村公路总里程是多少？")
    assert ans.found and ans.computation == "2860−120=2740" and "2740公里" in ans.answer


def test_the_level_before_an_increment_counted_from_a_year(heyang):
    ans = heyang.ask("和阳县体育场地在新增之前有多少个？")
    assert ans.found and ans.computation == "4210−350=3860" and "3860个" in ans.answer


def test_a_measure_the_sentence_does_not_give_is_refused(heyang):
    ans = heyang.ask("和阳县新建农村公路之前，高速公路总里程是多少？")
    assert not ans.found and "2860" not in ans.answer
