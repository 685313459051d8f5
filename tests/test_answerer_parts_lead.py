"""Parts (X和Y各多少) on a county's digital-service scheme written for these tests: the
time a target sentence inherits from the sentence before it is cited with it; what the
parts share before a comma or around a bracketed list is not a part; a qualifier written
once after the last part (最高各给多少) is every part's; a part scored a little low is
taken from the clause beside another part's when its own heading names it."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.parts import PartsAnswerer, split_parts
from index.clean import normalize

DOC = {"doc_id": "cuiping-2031", "file": "cuiping_digital_service_2031.txt", "title": "翠屏县数字服务推进方案",
       "label": "翠屏县数字服务推进方案", "place": "翠屏县", "year": 2031, "script": "simplified",
       "kind": "方案", "inferred": [], "missing": []}
# a second document of the same county: a question naming 翠屏 names both
REPORT = {"doc_id": "cuiping-report-2031", "file": "cuiping_work_report_2031.txt", "title": "翠屏县2031年政府工作报告",
          "label": "翠屏县2031年政府工作报告", "place": "翠屏县", "year": 2031, "script": "simplified",
          "kind": "报告", "inferred": [], "missing": []}
# a third, of articles each setting one grade's figures
STATIONS = {"doc_id": "cuiping-stations-2031", "file": "cuiping_station_subsidy_2031.txt", "title": "翠屏县站点等级补助办法",
            "label": "翠屏县站点等级补助办法", "place": "翠屏县", "year": 2031, "script": "simplified",
            "kind": "办法", "inferred": [], "missing": []}
PARTS = PartsAnswerer()


@pytest.fixture(scope="module")
def cuiping(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("partslead"), [DOC, REPORT, STATIONS], request, name="partslead")


def test_the_time_of_the_sentence_before_is_cited_with_the_parts(cuiping):
    ans = cuiping.ask("翠屏数字服务方案要推出多少项便民应用、打造多少个服务品牌？")
    assert ans.found and ans.type == "parts" and "grounding" not in ans.extra
    assert "到2030年" in ans.answer and "30项" in ans.answer and "12个" in ans.answer
    assert all("到2030年" in c.quote for c in ans.citations)


def test_what_the_parts_share_is_no_part():
    def parts(q: str) -> list[tuple[str, str]]:
        return split_parts(normalize(q).strip().lower())

    assert parts("翠屏数字服务站年度服务费，给一线人员的和平台统筹的各占多少？") == [
        ("翠屏数字服务站年度服务费 给一线人员的", "各占多少?"), ("翠屏数字服务站年度服务费 平台统筹的", "各占多少?")]
    assert [p for p, _ in parts("翠屏三种券（算力券、数据券、培训券）上限各多少？")] == [
        "翠屏三种券 算力券", "翠屏三种券 数据券", "翠屏三种券 培训券"]
    assert parts("翠屏研发补助和认证奖励最高各给多少？") == [
        ("翠屏研发补助", "最高各给多少?"), ("认证奖励", "最高各给多少?")]
    assert [p for p, _ in parts("研发补助,认证奖励分别多少？")] == ["研发补助", "认证奖励"]  # no list after the comma
    # what the last part names after its 的 is every part's (the 服务费 of each)
    assert [p for p, _ in parts("翠屏研发补助和认证奖励的年度总额各是多少？")] == ["翠屏研发补助 年度总额", "认证奖励的年度总额"]
    assert [p for p, _ in parts("给一线人员的和平台统筹的各占多少？")] == ["给一线人员的", "平台统筹的"]
    assert [p for p, _ in parts("一、二、三等奖的奖金分别多少？")] == ["一", "二", "三等奖的奖金"]  # items of a list
    # 多少人才 asks 多少 of 人才, 多少人次 counts in 人次: the ask takes no character of the word
    assert parts("建成几个服务站、集聚多少人才？")[1] == ("集聚 人才", "多少")
    assert parts("电影放映多少场，观众有多少人次？")[1] == ("观众有", "多少人次")
    assert parts("在校学生多少人，学校有多少所？")[1] == ("学校有", "多少所")
    assert parts("有多少户籍人口、多少所学校？")[0] == ("有 户籍人口", "多少")  # 户籍 is a word


def test_a_first_part_naming_a_measure_of_its_own_borrows_no_other():
    from assistant.answerers.parts import align

    assert align([["锂电"], ["新医药", "产业集群", "营收"]])[0] == ["锂电", "产业集群", "营收"]
    assert align([["文旅产业增加值"], ["游客", "接待量"]])[0] == ["文旅产业增加值"]


def test_parts_of_one_place_with_two_documents(cuiping):
    ctx = context(cuiping, "翠屏数字服务方案到2030年要建成几个服务站、培育几家企业、集聚多少人才？")
    assert len(ctx.question.docs) >= 2  # the scheme and the report (and the 办法) all name 翠屏
    ans = PARTS.answer(ctx)
    assert ans is not None and all(f in ans.answer for f in ("120个", "80家", "3000名"))


def test_a_part_takes_the_other_figure_of_the_sentence_stating_its_mate(cuiping):
    from assistant.answerers.parts import _mates

    ctx = context(cuiping, "翠屏县数据局上报整改方案和报送书面报告的时限分别多少？")
    figs = {x.fig.text: x for x in cuiping._state.view("cuiping-2031").figs}
    three, twenty = figs["3个工作日内"], figs["20个工作日内"]
    asked = [("上报整改方案", None), ("报送书面报告", three)]
    wanted = [("县数据局", "上报", "整改方案"), ("报送书面报告",)]
    same = ["分别多少?", "分别多少?"]
    assert _mates(ctx, asked, wanted, same, {three.fig.clean_span}) == [("上报整改方案", twenty), ("报送书面报告", three)]
    # asked after its mate: the figure written before the mate's is not the part's
    assert _mates(ctx, asked[::-1], wanted[::-1], same, {three.fig.clean_span}) == asked[::-1]
    # a sentence without most of the part's words is not the part's
    assert _mates(ctx, asked, [("出口额", "外资", "上报"), ("报送书面报告",)], same, {three.fig.clean_span}) == asked
    # a part of one word, or asked in other words than its mate (多少场 beside 多少天), takes nothing
    assert _mates(ctx, asked, [("整改方案",), ("报送书面报告",)], same, {three.fig.clean_span}) == asked
    assert _mates(ctx, asked, wanted, ["多少场", "多少天"], {three.fig.clean_span}) == asked


def test_a_lead_before_the_comma_is_read_with_each_part(cuiping):
    ans = PARTS.answer(context(cuiping, "翠屏数字服务站年度服务费，给一线服务人员的和留给服务平台统筹的各占多少？"))
    assert ans is not None and "70%" in ans.answer and "30%" in ans.answer
    assert "文件未给出" not in ans.answer


def test_each_item_of_a_bracketed_list_is_a_part(cuiping):
    ans = PARTS.answer(context(cuiping, "翠屏的三种券（算力券、数据券、培训券）上限各多少？"))
    assert ans is not None
    assert "8万元" in ans.answer and "5万元" in ans.answer and "3万元" in ans.answer
    assert "文件未给出" not in ans.answer
    ans = PARTS.answer(context(cuiping, "翠屏的三种券（算力券、数据券、消费券）上限各多少？"))
    assert ans is not None and "文件未给出“消费券”" in ans.answer


def test_a_part_under_the_same_heading_named_by_its_own_heading(cuiping):
    from assistant.context import build_context

    # a floor just above the second part's score: only its clause beside the first answers it
    config = cuiping.config.replace(score_min_figure=0.62, score_parts_sibling_margin=0.1)
    ctx = build_context(cuiping._state, "翠屏研发补助和认证奖励最高各给多少？", [], None, config)
    ans = PARTS.answer(ctx)
    assert ans is not None and "最高20万元" in ans.answer and "最高200万元" in ans.answer
    assert [c.clause for c in ans.citations] == ["cuiping-2031/二/（一）", "cuiping-2031/二/（二）"]
    ctx = build_context(cuiping._state, "翠屏研发补助和认证奖励最高各给多少？", [], None,
                        config.replace(score_parts_sibling_margin=0.0))
    ans = PARTS.answer(ctx)
    assert ans is not None and "最高200万元" not in ans.answer and "文件未给出“认证奖励”" in ans.answer


def test_times_asked_after_a_shared_lead_are_each_read_from_their_own_words(cuiping):
    ans = PARTS.answer(context(cuiping, "翠屏问题清单整改，上报整改方案和整改完成后报送书面报告分别有几个工作日？"))
    assert ans is not None
    assert "上报整改方案：20个工作日内" in ans.answer and "报送书面报告：3个工作日内" in ans.answer
    assert "问题清单整改 " not in ans.answer  # the lead is not said as part of a part


def test_a_time_named_once_after_the_last_part_is_asked_of_each(cuiping):
    ans = PARTS.answer(context(cuiping, "翠屏收到问题清单后，县数据局上报整改计划和整改完成后报送书面报告的时限分别多少？"))
    assert ans is not None and "20个工作日内" in ans.answer and "3个工作日内" in ans.answer
    assert "文件未给出" not in ans.answer


def test_a_grade_asked_keeps_out_the_figures_of_another_grade(cuiping):
    # the 2级 article words its limit as the question does; the 3级 one is the grade asked
    ans = PARTS.answer(context(cuiping, "翠屏3级数字服务站运营补助限额标准，城区和乡村服务站每月各多少？"))
    said = ans.answer if ans is not None else ""  # worded otherwise, 3级's may score too low: no answer
    assert "1200元" not in said and "800元" not in said
    ans = PARTS.answer(context(cuiping, "翠屏2级数字服务站运营补助限额标准，城区和乡村服务站每月各多少？"))
    assert ans is not None and "1200元" in ans.answer and "800元" in ans.answer and "3000元" not in ans.answer


def test_a_total_asked_with_how_it_divides(cuiping):
    from assistant.shapes import shape_of

    question = "翠屏现有数字服务站一共几个，怎么分的？"
    assert shape_of(normalize(question).lower(), "aggregation") == "parts"
    ans = PARTS.answer(context(cuiping, question))
    assert ans is not None and all(f in ans.answer for f in ("48个", "20个", "18个", "10个"))
    # figures after it that do not add up to it are not its parts (30 + 20 is not 60)
    assert PARTS.answer(context(cuiping, "翠屏现有服务窗口一共几个，怎么分的？")) is None


def test_parts_asked_together_share_the_kind_of_figure_the_others_name(cuiping):
    ans = PARTS.answer(context(cuiping, "翠屏数字服务到2030年，服务覆盖率和群众满意度分别要达到多少？"))
    assert ans is not None and "90%以上" in ans.answer and "95%左右" in ans.answer
    # a level asked of a year the document sets none for: how it changes each year is no answer
    assert PARTS.answer(context(cuiping, "翠屏数字服务到2032年，服务覆盖率和群众满意度分别要达到多少？")) is None


def test_the_constant_of_a_formula_is_no_figure(cuiping):
    from assistant.answerers.parts import _in_formula

    figs = [x for x in cuiping._state.view("cuiping-2031").figs if x.fig.unit == "%"]
    assert [x.fig.text for x in figs if _in_formula(x)] == ["100%"]
    assert any(x.fig.text == "90%以上" for x in figs)


def test_a_part_of_one_shared_ask_is_asked_the_kind_the_others_name(cuiping):
    from assistant.answerers.parts import _figure

    # 覆盖率和满意度分别要到多少: 满意度 names no kind; the 覆盖率 beside it asks a percentage
    ctx = context(cuiping, "翠屏数字服务到2030年，服务覆盖率和群众满意度分别要到多少？")
    fi = _figure(ctx, "群众满意度", "分别要到多少?", ("群众", "满意度"), set())
    assert fi is not None and fi.fig.text == "95%左右"
    # parts each asked on their own (满意度多少) borrow no kind
    ctx = context(cuiping, "翠屏服务覆盖率到2030年达到多少？群众满意度多少？")
    assert _figure(ctx, "群众满意度", "多少", ("群众", "满意度"), set()) is None


def test_tiers_asked_are_the_numbered_items_under_one_heading(cuiping):
    ans = PARTS.answer(context(cuiping, "翠屏数字服务站年度考核激励金按评分怎么分档，各是多少？"))
    assert ans is not None and ans.found and len(ans.citations) == 3
    assert ans.answer.index("5万元") < ans.answer.index("3万元") < ans.answer.index("不予发放")
