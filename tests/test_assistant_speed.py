"""The assistant's derived state: made once per index (in parts, on first use or in
``warm_up``, never twice), extended in place of a rebuild when documents are added, and
the lookups that keep a question's cost independent of how many documents there are."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from seed_corpus import copy_seed_corpus

import assistant.state as state_module
from assistant.core import Assistant
from assistant.question import Catalogue
from corpus.sources import Source
from index.config import Config
from index.store import load_index

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hexi_industry_2025.txt"

QUESTIONS = [
    "东营2021年新一代信息技术产业增加值目标是多少？",
    "滕州到2026年国家高新技术企业要达到多少家？",
    "东营和滕州的高新技术企业数量目标各是多少？",
    "推进创新平台建设的责任单位有哪些？",
    "河西市2025年智能制造产业链增加值目标是多少？",
    "河西绿色建材产业链今年的同比增速要求是多少？",
    "河西智能制造产业链安排了几个重大项目？",
    "河西市产业链专项基金规模有多大？",
    "河西保障项目用地由哪些单位负责？",
    "河西市财政局负责哪些任务？",
    "河西哪个产业链2025年增加值目标最高？",
    "河西智能制造和绿色建材两个产业链的计划总投资合计是多少？",
    "根据目标推算，河西智能制造产业链2024年增加值是多少？",
    "河西智能制造产业链增加值目标比冷链物流产业链高出多少？",
    "河西智能製造產業鏈2025年增加值目標是多少？",
    "河西智能制造产业链2026年增加值目标是多少？",
    "西安市2025年智能制造产业增加值目标是多少？",
]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """Configs of an index of the seeds, and of one of the seeds plus 河西市's document
    added as a user document (built from a copy of the first, embedding only its clauses)."""
    from index.build import add_documents, build_index
    from index.encoders import make_encoder

    base = tmp_path_factory.mktemp("speed")
    corpus = copy_seed_corpus(base / "corpus")
    small = Config(corpus_dir=str(corpus), user_dir=str(base / "small-user"), index_dir=str(base / "small"))
    big = small.replace(user_dir=str(base / "big-user"), index_dir=str(base / "big"))
    encoder = make_encoder(small)
    build_index(small, progress=False, encoder=encoder)
    shutil.copytree(base / "small", base / "big")
    (added,) = add_documents(big, [FIXTURE], progress=False, encoder=encoder)
    return small, big, added.doc_id


def grown(small_index, big_index, doc_id: str):  # noqa: ANN001, ANN201
    """``big_index`` as an incremental build hands it over: the small index's very
    documents, then the added one, with the big index's search structures."""
    from index.hybrid import SearchIndex

    assert list(big_index.documents) == [*small_index.documents, doc_id]
    return SearchIndex(config=big_index.config, documents={**small_index.documents, doc_id: big_index.documents[doc_id]},
                       lexicon=big_index.lexicon, bm25=big_index.bm25, vectors=big_index.vectors,
                       facts=big_index.facts, manifest=big_index.manifest, encoder=small_index.encoder)


def answers(bot: Assistant) -> list[tuple]:
    history = [{"role": "user", "content": QUESTIONS[4]}, {"role": "assistant", "content": "河西市智能制造产业链：…"}]
    out = [bot.ask(q) for q in QUESTIONS] + [bot.ask("那年度计划投资呢？", history=history)]
    return [(a.found, a.type, a.answer, [c.clause for c in a.citations], a.computation) for a in out]


@pytest.fixture(scope="module")
def expected(indexes):
    """What an assistant built on the big index directly answers."""
    out = answers(Assistant(indexes[1]))
    assert sum(found for found, *_ in out) >= 12  # 河西市's questions are answered
    return out


@pytest.mark.parametrize("asked", [True, False], ids=["after-questions", "before-any-question"])
def test_adding_a_document_extends_the_state_and_answers_as_a_fresh_build(indexes, expected, asked):
    small, big, doc_id = indexes
    bot = Assistant(small)
    if asked:
        bot.warm_up()
        assert bot.ask(QUESTIONS[0]).found
        assert not bot.ask(QUESTIONS[4]).found  # 河西市 is not there yet
    before = bot._state
    bot._set_index(grown(bot.index, load_index(big), doc_id), added=[doc_id])
    after = bot._state
    # what was derived for the earlier documents is extended, not made again
    assert after._lexicon.done == asked and after._reading.done == asked
    if asked:
        assert after._views["dongying-2021"] is before._views["dongying-2021"]
        assert after.weights.n == before.weights.n + len(bot.index.documents[doc_id].clauses)
        assert after._lexicon() is not before._lexicon()
        assert not before.catalogue.documents("河西市")[0]  # the earlier state is as it was
    assert answers(bot) == expected


def test_added_documents_must_follow_the_current_ones(indexes):
    small, big, doc_id = indexes
    bot = Assistant(small)
    with pytest.raises(ValueError):
        bot._set_index(load_index(big), added=["some-other-doc"])
    with pytest.raises(ValueError):
        bot._set_index(load_index(small), added=[doc_id])
    bot._set_index(load_index(big))  # without ``added``: everything derived afresh
    assert doc_id in bot.index.documents


def test_questions_during_warm_up_wait_for_it_and_nothing_loads_twice(indexes, expected, monkeypatch):
    calls: dict[str, int] = {}

    def counted(name, fn):  # noqa: ANN001, ANN202
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls[name] = calls.get(name, 0) + 1
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(state_module, "question_lexicon", counted("lexicon", state_module.question_lexicon))
    monkeypatch.setattr(state_module.State, "_read", counted("read", state_module.State._read))
    bot = Assistant(indexes[1])
    assert not calls  # start-up leaves them to first use
    results: list[list[tuple]] = []
    threads = [threading.Thread(target=bot.warm_up)]
    threads += [threading.Thread(target=lambda: results.append(answers(bot))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == {"lexicon": 1, "read": 1}
    assert results == [expected] * 3


def test_catalogue_finds_what_a_scan_of_every_name_finds():
    sources = [Source(doc_id=f"d{i}", file=f"d{i}.txt", script="simplified", title=t, label=t, place=p, doc_number=n)
               for i, (t, p, n) in enumerate([("甲", "东营市", "东政办字〔2021〕5号"), ("乙", "东营区", None),
                                              ("丙", "滕州市", "滕政发 〔2024〕 1号"), ("丁", None, None)])]
    units = ["市财政局", "财政局", "市发展改革委", "区财政局", "ab局"]
    cat = Catalogue(sources, units)
    for text in ["东营市和滕州的财政局", "东营区财政局负责哪些任务", "滕政发 〔2024〕 1号的文号", "东营",
                 "市财政局市发展改革委", "滕政发 市财政局 〔2024〕 1号", ""]:
        docs = [s.doc_id for s in sources if any(c in text for c in cat.doc_cues[s.doc_id])]
        assert cat.documents(text) == (docs, [c for d in docs for c in cat.doc_cues[d] if c in text])
        by_length = sorted(units, key=len, reverse=True)
        named = [u for u in by_length if len(u) >= 3 and u in text]
        assert cat.named_units(text) == tuple(u for u in named if not any(u != v and u in v for v in named))
        blanked = text
        for u in by_length:
            blanked = blanked.replace(u, " ")
        assert cat.without_units(text) == blanked
    grown = cat.extended([Source(doc_id="d9", file="d9.txt", script="simplified", label="戊", place="河西市")], ["市农业局"])
    assert grown.documents("河西农业") == (["d9"], ["河西"])
    assert grown.named_units("市农业局和市财政局") == ("市农业局", "市财政局")
    assert cat.documents("河西") == ([], [])
