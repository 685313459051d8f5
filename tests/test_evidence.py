"""Evidence first, calibrated refusal: on a document written for these tests (青峰市, made
up) beside 云溪县's, a question is answered when a clause holds what it asks, whatever words
name the document; it is refused, saying only what is really absent, when no clause does."""

from __future__ import annotations

import pytest
from answerer_corpus import YUNXI_DOC, write_corpus

from tests.conftest import on_test_backend

QINGFENG = "qingfeng-2026"
DOCUMENTS = [
    {"doc_id": QINGFENG, "file": "qingfeng_digital_2026.txt", "title": "青峰市数字经济提质增效行动计划",
     "label": "青峰市数字经济提质增效行动计划", "place": "青峰市", "issuer": "青峰市人民政府",
     "date": "2025-12-20", "year": 2026, "doc_number": "青政发〔2025〕7号", "script": "simplified",
     "inferred": [], "missing": []},
    YUNXI_DOC,
]


@pytest.fixture(scope="module")
def bot(tmp_path_factory, request):
    from assistant.core import Assistant
    from index.config import Config

    base = tmp_path_factory.mktemp("evidence")
    corpus = write_corpus(base / "corpus", DOCUMENTS)
    config = Config(corpus_dir=str(corpus), user_dir=str(base / "user"), index_dir=str(base / "index"),
                    upload_dir=str(base / "uploads"))
    return Assistant(on_test_backend(request, config, "evidence"))


# -- words that name the document set the scope; they are not required content --------
@pytest.mark.parametrize("question", [
    "青峰市数字经济提质增效行动计划提出，数据中心机架要新建多少个？",
    "青峰这个数字经济行动计划里新建多少个数据中心机架？",
    "青政发〔2025〕7号要求新建数据中心机架多少个",
    "数字经济提质增效行动计划里标准数据中心机架新建多少个",  # the title alone names it
])
def test_title_words_and_document_number_set_the_scope(bot, question):
    ans = bot.ask(question)
    assert ans.found and ans.figures == ("3000个",)
    assert ans.citations[0].doc_id == QINGFENG


def test_a_document_numbers_year_is_not_the_year_asked(bot):
    ans = bot.ask("青政发〔2025〕7号提出的网上可办率目标是多少？")
    assert ans.found and ans.figures == ("98%",)


# -- the same question in other words -------------------------------------------------
@pytest.mark.parametrize("question", ["青峰26年网上可办率要达到多少", "青峰市2026年网上可办率要达到多少"])
def test_a_two_digit_year_is_the_full_year(bot, question):
    ans = bot.ask(question)
    assert ans.found and ans.figures == ("98%",)


def test_lower_case_gdp_is_the_documents_regional_product(bot):
    ans = bot.ask("青峰gdp要突破多少？")
    assert ans.found and "800亿元" in ans.answer


def test_a_place_mistyped_by_one_character_is_the_one_place_it_can_mean(bot):
    ans = bot.ask("青锋市新建多少个数据中心机架？")
    assert ans.found and ans.figures == ("3000个",)


# -- calibrated refusal ---------------------------------------------------------------
def test_a_place_the_document_only_learns_from_gets_no_figure(bot):
    ans = bot.ask("临江的地区生产总值是多少？")
    assert not ans.found and not ans.figures
    assert "临江" in ans.answer


def test_another_year_than_the_document_gives_is_refused_by_its_year(bot):
    ans = bot.ask("青峰2030年算力规模达到多少？")
    assert not ans.found and "2030年" in ans.answer


def test_the_refusal_names_only_what_the_documents_lack(bot):
    ans = bot.ask("青峰数据中心机架的出口额是多少？")
    assert not ans.found
    assert "出口额" in ans.answer and "数据中心" not in ans.answer and "机架" not in ans.answer


def test_a_bare_follow_up_without_history_is_asked_back(bot):
    ans = bot.ask("那它的增速呢？")
    assert not ans.found and ans.type == "clarify" and not ans.figures


def test_the_same_follow_up_with_history_is_resolved(bot):
    history = [{"role": "user", "content": "云溪县茶叶产业产值目标是多少？"},
               {"role": "assistant", "content": "36.5亿元"}]
    ans = bot.ask("那竹木产业呢？", history=history)
    assert ans.type != "clarify"


def test_an_english_question_it_cannot_match_is_refused_politely(bot):
    ans = bot.ask("What is the GDP target of Qingfeng?")
    assert not ans.found
    assert "Chinese" in ans.answer and "what" not in ans.answer.lower().split()


# -- short forms of unit names --------------------------------------------------------
@pytest.mark.parametrize(("short", "full"), [
    ("审批局", "市行政审批服务局"), ("卫健委", "市卫生健康委员会"), ("住建局", "市住房和城乡建设局"),
    ("人社局", "市人力资源和社会保障局"), ("发改委", "市发展和改革委员会"),
])
def test_a_units_short_form_finds_its_tasks(bot, short, full):
    ans = bot.ask(f"青峰{short}负责哪些任务？")
    assert ans.found and ans.type == "reverse"
    assert full in ans.answer


def test_a_unit_with_no_list_is_answered_from_the_sentence_that_says_what_it_does(bot):
    ans = bot.ask("青峰市统计局负责什么？")
    assert ans.found and "统计监测" in ans.answer
    assert ans.citations[0].doc_id == QINGFENG


# -- the same follow-up form without a conversation and with one ----------------------
def test_a_that_one_question_naming_nothing_is_asked_back_without_history(bot):
    ans = bot.ask("那年度计划投资呢？")
    assert not ans.found and ans.type == "clarify"


def test_a_follow_up_naming_another_document_does_not_borrow_its_years(bot):
    history = [{"role": "user", "content": "云溪县2026年茶叶产业产值目标是多少？"},
               {"role": "assistant", "content": "36.5亿元"}]
    ans = bot.ask("那青峰的网上可办率呢？", history=history)
    assert ans.found and ans.figures == ("98%",)


def test_a_document_fact_of_a_place_no_document_is_about_is_refused(bot):
    ans = bot.ask("临江市的数字经济行动计划文号是什么？")
    assert not ans.found and "临江" in ans.answer


# -- which words name a document -------------------------------------------------------
def _titles():
    from assistant.titles import DocTitles
    from corpus.sources import Source

    return DocTitles([
        Source(doc_id="ltc", file="a.html", label="x", script="simplified", title="广州市长期护理保险试行办法"),
        Source(doc_id="tax", file="b.html", label="y", script="simplified", title="中华人民共和国个人所得税法实施条例"),
        Source(doc_id="edu", file="c.html", label="z", script="simplified", title="国家职业教育改革实施方案"),
    ])


def test_a_short_form_of_a_title_names_its_document():
    titles = _titles()
    assert titles.named(["长护险"]) == ("ltc",)
    assert titles.named(["职教改革方案"]) == ("edu",)
    assert titles.named(["个税"]) == ("tax",)  # two characters no clause uses


def test_kind_words_and_common_title_words_single_out_nothing():
    titles = _titles()
    assert titles.named(["实施方案"]) == ()
    assert titles.named(["个税"], used=lambda t: 3) == ()  # a word the clauses use is theirs
    assert titles.naming(["实施方案", "缴费费率"], "ltc") == frozenset({"实施方案"})


def test_phrasing_no_document_uses_is_not_required(bot):
    ans = bot.ask("如果青峰要新建数据中心机架，到底新建多少个？")
    assert ans.found and ans.figures == ("3000个",)


def test_a_figure_the_question_quotes_that_the_clause_lacks_is_not_confirmed(bot):
    ans = bot.ask("青峰网上可办率按95%算对吧？")
    assert "98%" not in ans.figures


def test_the_tasks_a_unit_leads_or_has_alone(bot):
    led = bot.ask("青峰审批局牵头的任务有哪些？")
    assert led.found and "推进政务服务数字化" in led.answer
    alone = bot.ask("青峰市工业和信息化局单独负责的任务有哪些？")
    assert not alone.found  # it shares its one task with the 发改委
    solo = bot.ask("青峰住建局单独负责的任务有哪些？")
    assert solo.found and "建设智慧工地" in solo.answer


def test_an_autonomous_regions_short_name_names_its_document():
    from assistant.question import place_cues
    from corpus.sources import Source

    src = Source(doc_id="nx", file="nx.txt", label="x", script="simplified", place="宁夏回族自治区")
    assert "宁夏" in place_cues(src)


def test_a_quoted_name_the_clause_lacks_is_another_subject(bot):
    ans = bot.ask("青峰“智慧农业”示范项目要新建多少个？")
    assert not ans.found and "40个" not in ans.answer


def test_two_characters_a_title_spells_out_are_still_asked_about():
    titles = _titles()
    assert "保险" not in titles.naming(["保险", "长护险"], "ltc")
    assert "长护险" in titles.naming(["保险", "长护险"], "ltc")


def test_two_title_characters_inside_the_titles_words_name_it():
    titles = _titles()
    norm = "广州长期护理保险试行办法里单位缴费费率是多少"
    assert "保险" in titles.naming(["保险", "缴费"], "ltc", norm)
    assert "缴费" not in titles.naming(["保险", "缴费"], "ltc", norm)


def test_a_stretch_of_one_title_names_its_document():
    titles = _titles()
    assert titles.stretch_named("长期护理保险试行办法有效期几年") == ("ltc",)
    assert titles.stretch_named("实施方案有效期几年") == ()
    # a stretch many documents' texts write is a common phrase, not this title's name
    common = {"职业教育改": 5}
    assert titles.stretch_named("职业教育改革的目标是什么", texts_with=lambda w: common.get(w, 1)) == ("edu",)
    assert titles.stretch_named("职业教育改的目标", texts_with=lambda w: common.get(w, 1)) == ()


def test_single_characters_join_into_the_short_form_the_question_holds():
    from assistant.match import _abbreviations

    assert _abbreviations(["长", "护", "险", "级", "待遇"], "长护险 级待遇") == ["长护险", "级", "待遇"]


def test_a_follow_up_to_another_document_carries_only_the_words_it_uses(bot):
    history = [{"role": "user", "content": "云溪县每年培训高素质农民多少人次？"},
               {"role": "assistant", "content": "云溪县强化人才支撑：每年培训高素质农民不少于2000人次。"}]
    ans = bot.ask("那青峰的呢？", history=history)
    assert ans.found and "5000人次" in ans.answer


def test_a_questions_particle_is_no_mistyped_place(bot):
    ans = bot.ask("那青峰的智慧工地呢？")
    assert ans.found and ans.citations[0].doc_id == QINGFENG


def test_a_place_a_documents_title_names_is_that_documents():
    from assistant.titles import DocTitles
    from corpus.sources import Source

    titles = DocTitles([Source(doc_id="sl", file="s.txt", label="石岭镇2026年农村公路建设方案", script="simplified",
                               title="石岭镇2026年农村公路建设方案")])
    assert titles.names("石岭") == frozenset({"sl"})


def test_a_run_of_single_characters_splits_into_a_titles_short_form_and_the_rest():
    from assistant.titles import DocTitles
    from corpus.sources import Source

    titles = DocTitles([Source(doc_id="lk", file="l.txt", label="关于推进临空经济示范区建设的若干意见",
                               script="simplified", title="关于推进临空经济示范区建设的若干意见")])
    used = {"新设": 3, "临空经济": 2}.get
    assert titles.split_run("临经区新设", lambda t: used(t, 0)) == ["临经区", "新设"]
    assert titles.split_run("临空经济", lambda t: used(t, 0)) == ["临空经济"]  # the clauses use it
    assert titles.split_run("某某新设", lambda t: used(t, 0)) == ["某某新设"]  # no title's short form


def test_a_short_form_is_written_out_as_the_documents_write_it():
    from assistant.shortforms import expand_short_form

    text = "\u0001".join(["县卫生健康委建立考核系统。", "县卫生健康委推行统一编码。", "县卫生院负责。"])
    assert expand_short_form("卫健委", text) == "卫生健康委"
    assert expand_short_form("卫健委", text, least=3) is None  # written out twice only
    assert expand_short_form("卫健委", "卫生。健康委。卫生。健康委") is None  # not across punctuation


def test_a_compound_is_found_as_its_everyday_words_apart():
    from assistant.match import term_hit

    assert term_hit("全年地区生产总值", "全年实现地区生产总值（gdp）3473.12亿元") >= 0.9
    assert term_hit("全年地区生产总值", "全年实现工业增加值120亿元") < 0.5


def test_an_everyday_word_one_character_off_a_place_is_not_a_mistyped_place(shaping):
    from answerer_corpus import context

    ctx = context(shaping, "青年人才每年引进多少名？")
    assert "青年" in ctx.question.norm  # not corrected to 青岚 (成文 of 成文日期 is not 成都)


def test_a_name_cut_by_the_dictionary_still_names_its_document():
    from assistant.titles import DocTitles
    from corpus.sources import Source

    titles = DocTitles([Source(doc_id="rebuild", file="d.txt", label="w", script="traditional",
                               title="白鹭湾台风灾后重建特别条例")])
    # 白鹭湾条例: the dictionary cuts the name the title opens with (白/鹭湾); its pieces name it
    assert titles.naming(["鹭湾", "利息补贴"], "rebuild", "白鹭湾条例规定的利息补贴") == frozenset({"鹭湾"})
    # a word the title spells elsewhere (台风), met in a three-character stretch, stays content
    assert "台风" not in titles.naming(["台风"], "rebuild", "这次台风灾区")
