"""The assistant on the seeds plus a document written for these tests (河西市, made up):
figures, responsibilities, comparisons, sums, derived values, refusals, follow-ups,
scripts, and the grounding check on every answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from seed_corpus import copy_seed_corpus

from assistant.core import Assistant
from assistant.grounding import is_grounded
from index.clean import detect_script
from index.config import Config
from tests.conftest import on_test_backend

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hexi_industry_2025.txt"


@pytest.fixture(scope="session")
def bot(tmp_path_factory, request) -> Assistant:
    base = tmp_path_factory.mktemp("assistant")
    corpus = copy_seed_corpus(base / "corpus", extra=[{
        "doc_id": "hexi-2025", "file": FIXTURE.name, "title": "河西市2025年重点产业链攻坚行动方案",
        "label": "河西市2025年重点产业链攻坚行动方案", "place": "河西市", "year": 2025,
        "script": "simplified", "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"],
    }])
    shutil.copy(FIXTURE, corpus / FIXTURE.name)
    config = Config(corpus_dir=str(corpus), user_dir=str(base / "user"), index_dir=str(base / "index"),
                    upload_dir=str(base / "uploads"))
    return Assistant(on_test_backend(request, config, "assistant"))


def ask(bot: Assistant, question: str, **kw):
    ans = bot.ask(question, **kw)
    assert ans.latency_ms >= 0
    if ans.found:  # every answer carries citations that hold its numbers
        assert ans.citations
        assert is_grounded(ans.answer, [t for c in ans.citations for t in (c.quote, c.path, c.title)], ans.computation,
                           tuple(str(y) for y in range(1990, 2100)))
    return ans


@pytest.mark.parametrize(
    ("question", "figure", "clause"),
    [
        ("河西市2025年智能制造产业链增加值目标是多少？", "45.6亿元", "hexi-2025/二/（一）/1"),
        ("河西绿色建材产业链今年的同比增速要求是多少？", "7.5%以上", "hexi-2025/二/（二）/1"),
        ("河西智能制造产业链安排了几个重大项目？", "14个", "hexi-2025/二/（一）/3"),
        ("河西绿色建材产业链的年度计划投资是多少？", "12.6亿元", "hexi-2025/二/（二）/3"),
        ("河西市产业链专项基金规模有多大？", "不低于20亿元", "hexi-2025/三/（一）/2"),
        ("东营2021年新一代信息技术产业增加值目标是多少？", "21.31亿元", "dongying-2021/二/（一）/1"),
        ("滕州到2026年国家高新技术企业要达到多少家？", "220家", "tengzhou-2024/二/（一）/2"),
    ],
)
def test_figures_exact_with_unit_and_qualifier_and_cited(bot, question, figure, clause):
    ans = ask(bot, question)
    assert ans.found, ans.answer
    assert figure in ans.answer
    assert any(c.clause.startswith(clause) for c in ans.citations)
    assert len(ans.answer) <= 160


def test_traditional_question_gets_traditional_answer(bot):
    ans = ask(bot, "河西智能製造產業鏈2025年增加值目標是多少？")
    assert ans.found and "45.6億元" in ans.answer
    assert detect_script(ans.answer) == "traditional"
    simp = ask(bot, "河西智能制造产业链2025年增加值目标是多少？")
    assert detect_script(simp.answer) == "simplified"


def test_responsibility_units_complete_in_order_with_lead(bot):
    ans = ask(bot, "河西保障项目用地由哪些单位负责？")
    assert ans.found and ans.type == "responsibility"
    assert list(ans.units) == ["市自然资源局", "市发展改革委", "市财政局"]
    assert "市自然资源局牵头" in ans.answer
    lead = ask(bot, "河西保障项目用地由哪个单位牵头？")
    assert "市自然资源局" in lead.answer and "牵头" in lead.answer


def test_reverse_lookup_lists_every_task_of_a_unit(bot):
    ans = ask(bot, "河西市财政局负责哪些任务？", doc_filter="hexi-2025")
    assert ans.found and ans.type == "reverse"
    assert "保障项目用地" in ans.answer and "加大金融支持" in ans.answer
    assert len(ans.citations) == 2


def test_comparison_aggregation_and_derived_values_show_their_work(bot):
    top = ask(bot, "河西哪个产业链2025年增加值目标最高？")
    assert top.found and "45.6亿元" in top.answer and "智能制造" in top.answer
    total = ask(bot, "河西智能制造和绿色建材两个产业链的计划总投资合计是多少？")
    assert total.found and "128.6亿元" in total.answer and total.computation == "88.4+40.2=128.6"
    derived = ask(bot, "根据目标推算，河西智能制造产业链2024年增加值是多少？")
    assert derived.found and "40.4亿元" in derived.answer
    assert derived.computation == "45.6−5.2=40.4"
    diff = ask(bot, "河西智能制造产业链增加值目标比冷链物流产业链高出多少？")
    assert diff.found and "27.3亿元" in diff.answer


@pytest.mark.parametrize(
    "question",
    [
        "河西冷链物流产业链安排了几个重大项目？",  # that industry has no 优选项目 clause
        "河西智能制造产业链2026年增加值目标是多少？",  # a year the text does not give
        "河西智能制造产业链就业人数是多少？",  # a metric the text does not give
        "西安市2025年智能制造产业增加值目标是多少？",  # a place no document covers
        "河西市2024年实际完成的智能制造增加值是多少？",  # actuals, not targets
    ],
)
def test_refuses_what_the_documents_do_not_say(bot, question):
    ans = ask(bot, question)
    assert not ans.found, ans.answer
    assert ans.answer.startswith("文件中没有找到")
    assert not ans.citations


def test_follow_up_resolves_subject_from_history(bot):
    first = ask(bot, "河西智能制造产业链2025年增加值目标是多少？")
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.answer}]
    ans = ask(bot, "那年度计划投资呢？", history=history)
    assert ans.found and "23.7亿元" in ans.answer
    who = ask(bot, "河西设立产业链专项基金规模多大？")
    h2 = [{"role": "user", "content": who.question}, {"role": "assistant", "content": who.answer}]
    units = ask(bot, "它的责任单位是谁？", history=h2)
    assert units.found and "市地方金融监管局" in units.answer


def test_doc_filter_and_both_documents(bot):
    ans = ask(bot, "新一代信息技术产业增加值目标是多少？", doc_filter="tengzhou-2024")
    assert not ans.found
    both = ask(bot, "东营和滕州的高新技术企业数量目标各是多少？")
    assert both.found and "350家以上" in both.answer and "220家" in both.answer
    assert {c.doc_id for c in both.citations} == {"dongying-2021", "tengzhou-2024"}
    with pytest.raises(ValueError, match="doc_filter"):
        bot.ask("问题", doc_filter="nope")


def test_document_facts_and_missing_ones(bot):
    ans = ask(bot, "滕州这份文件的发文字号是什么？")
    assert ans.found and "滕政发〔2024〕8号" in ans.answer
    missing = ask(bot, "东营这份文件的发文字号是什么？")
    assert not missing.found


@pytest.mark.parametrize("question", ["", "   ", "x" * 10_000, "😀\x00\x07？", "<script>alert(1)</script>"])
def test_bad_questions_get_a_message_not_an_error(bot, question):
    ans = bot.ask(question)
    assert isinstance(ans.answer, str) and ans.answer
    assert not ans.found


def test_grounding_check():
    quote = "2021年產業增加值達到21.31億元,比2020年增加2.94億元"
    assert is_grounded("为21.31亿元", [quote])
    assert not is_grounded("为21.32亿元", [quote])
    assert is_grounded("2020年为18.37亿元（21.31−2.94=18.37）", [quote], "21.31−2.94=18.37", ("2020",))
    assert not is_grounded("为18.38亿元（21.31−2.94=18.38）", [quote], "21.31−2.94=18.38")
    assert not is_grounded("为5亿元（3+2=5）", [quote], "3+2=5")  # operands not quoted


def test_an_added_county_document_is_answerable_at_once(bot, tmp_path):
    doc = tmp_path / "qingshan.txt"
    doc.write_text("青山县人民政府办公室\n关于印发青山县2025年果园提升方案的通知\n一、工作目标\n"
                   "1.扩大果园规模。新建果园示范基地6个，果品产量达到3.2万吨。（责任单位：县农业农村局牵头，县财政局）\n",
                   encoding="utf-8")
    before = bot.index
    ask(bot, "东营2021年新一代信息技术产业增加值目标是多少？")  # builds Dongying's view
    views = dict(bot._state._views)
    (added,) = bot.add_documents([doc])
    assert added.place == "青山县"
    # The index was extended, not rebuilt: the documents and the views made from them are
    # the same objects, and the manifest lists the addition (on Milvus: the same backend,
    # the new document last, the manifest naming the committed change).
    if bot.config.backend == "milvus":
        assert bot.index is before and bot.index.doc_ids()[-1] == added.doc_id
        assert bot.index.manifest["upload"] and "pending" not in bot.index.manifest
    else:
        assert all(bot.index.documents[k] is d for k, d in before.documents.items())
        assert bot.index.manifest["appended"][-1]["documents"] == [added.doc_id]
    assert views and all(bot._state._views[k] is v for k, v in views.items())
    ans = ask(bot, "青山县2025年新建果园示范基地多少个？")
    assert ans.found and "6个" in ans.answer
    assert ans.citations[0].doc_id == added.doc_id
    who = ask(bot, "青山县扩大果园规模由哪些单位负责？")
    assert list(who.units) == ["县农业农村局", "县财政局"]
