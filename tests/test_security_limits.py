"""Request limits: huge or many history turns, long random questions and the time budget,
through the REST API, the chat function and the assistant itself."""

from __future__ import annotations

import random
import time

import pytest
from app_fixtures import app_config, shared_bot

import app
from assistant.limits import recent_history, text_size
from index.config import Config

DONGYING = "东营2021年高端装备产业增加值目标是多少？"
FOLLOW_UP = "那它的优选项目计划总投资呢？"
MB = 1_000_000


def _random_question(seed: int, n: int = 1999) -> str:
    rng = random.Random(seed)
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(n))


@pytest.fixture(scope="module")
def web():
    bot = shared_bot()
    bot.warm_up()  # timings below are of answers, not of loading models
    return app.WebApp(app_config(), bot=bot)


@pytest.fixture(scope="module")
def api(web):
    from fastapi.testclient import TestClient

    with TestClient(app.build_api(web), raise_server_exceptions=False) as c:
        yield c


def _error(resp, status: int) -> str:
    assert resp.status_code == status, resp.text[:300]
    assert "Traceback" not in resp.text
    return resp.json()["error"]


def _chat(web, message, history):
    steps = list(app.chat_fn(web)(message, history, app.ALL_DOCS))
    final = steps[-1]
    return (final if isinstance(final, str) else final[0].content), steps


# --------------------------------------------------------------------------- the policy


def test_recent_history_keeps_the_newest_turns_and_drops_long_ones():
    cfg = Config(max_history_turns=4, max_turn_chars=10, max_history_chars=30)
    history = [{"role": "user" if i % 2 == 0 else "assistant", "content": f"turn{i}"}
               for i in range(200)]
    assert [m["content"] for m in recent_history(history, cfg)] == \
        ["turn196", "turn197", "turn198", "turn199"]
    history[-2] = {"role": "user", "content": [{"type": "text", "text": "x" * MB}]}
    history.insert(-1, {"role": "assistant", "content": "来源", "metadata": {"title": "来源"}})
    kept = [m["content"] for m in recent_history(history, cfg)]
    assert kept == ["turn195", "turn196", "turn197", "turn199"]  # the 1 MB turn is skipped
    # 30 characters in all: three 8-character turns fit, a fourth does not
    assert len(recent_history([{"role": "user", "content": "a" * 8}] * 9, cfg)) == 3
    assert recent_history([("问" * 5, "答" * 5)] * 3, cfg) == [("问" * 5, "答" * 5)] * 2


def test_text_size_stops_counting_past_the_cap():
    parts = [{"type": "text", "text": "x"}] * MB  # a million parts
    t = time.perf_counter()
    assert 10 < text_size(parts, 10) <= 12
    assert time.perf_counter() - t < 0.01
    assert text_size([{"type": "file", "path": "a.pdf"}, {"type": "text", "text": "ab"}], 9) == 2


@pytest.mark.parametrize(("changes", "words"), [
    ({"max_history_turns": 0}, "max_history_turns must be >= 1"),
    ({"max_turn_chars": -1}, "max_turn_chars must be >= 1"),
    ({"request_timeout_s": 0}, "request_timeout_s must be > 0"),
    ({"max_request_kb": 4}, "max_request_kb 4 is too small"),
])
def test_bad_limits_are_refused(changes, words):
    with pytest.raises(ValueError, match=words):
        Config(**changes)


def test_limits_come_from_the_environment(tmp_path):
    cfg = Config.load(tmp_path / "none.yaml", env={"POLICYQA_MAX_QUESTION_CHARS": "500",
                                                  "POLICYQA_REQUEST_TIMEOUT_S": "2.5"})
    assert cfg.max_question_chars == 500 and cfg.request_timeout_s == 2.5


# --------------------------------------------------------------------------- REST


def test_rest_1mb_history_turn_is_refused_before_parsing(api):
    body = {"question": DONGYING, "history": [{"role": "user", "content": "东" * MB}]}
    t = time.perf_counter()
    msg = _error(api.post("/api/ask", json=body), 413)
    assert time.perf_counter() - t < 1.0
    assert "请求太大" in msg and "256 KB" in msg


def test_rest_body_without_content_length_is_cut_off(api):
    def chunks():
        for _ in range(1000):
            yield b'{"question": "' + "东".encode() * 1000
    msg = _error(api.post("/api/ask", content=chunks(),
                          headers={"content-type": "application/json"}), 413)
    assert "请求太大" in msg


def test_rest_history_turn_over_the_limit_is_400(api, web):
    n = web.config.max_turn_chars + 1
    body = {"question": DONGYING, "history": [{"role": "user", "content": "东" * n}]}
    assert f"每条最多 {n - 1} 个字" in _error(api.post("/api/ask", json=body), 400)


def test_rest_200_history_turns_are_trimmed_and_the_follow_up_still_works(api):
    old = [{"role": "user", "content": "滕州到2026年新增省级以上创新平台多少家？"},
           {"role": "assistant", "content": "新增省级以上创新平台10家。"}] * 99
    history = old + [{"role": "user", "content": DONGYING},
                     {"role": "assistant", "content": "目标是27.05亿元。"}]
    t = time.perf_counter()
    resp = api.post("/api/ask", json={"question": FOLLOW_UP, "history": history})
    assert time.perf_counter() - t < 1.0
    assert resp.status_code == 200, resp.text
    assert "55.54亿元" in resp.json()["answer"]


def test_rest_random_question_of_1999_characters_is_fast(api):
    for seed in range(3):
        t = time.perf_counter()
        resp = api.post("/api/ask", json={"question": _random_question(seed)})
        assert time.perf_counter() - t < 0.5, seed
        assert resp.status_code == 200 and not resp.json()["found"]


def _slow_question(web) -> str:
    """A real question that takes ~0.1 s (a long passage of a document): far over 1 ms,
    and over the 5 ms a new thread may hold the GIL before the caller looks at the clock."""
    return web.bot.index.documents["dongying-2021"].clean[2000:3999]


def test_rest_time_budget_gives_a_chinese_503(web):
    from fastapi.testclient import TestClient

    hurried = app.WebApp(web.config.replace(request_timeout_s=0.001), bot=web.bot)
    with TestClient(app.build_api(hurried), raise_server_exceptions=False) as c:
        msg = _error(c.post("/api/ask", json={"question": _slow_question(web)}), 503)
        assert c.post("/api/ask", json={"question": "x"}).status_code in (200, 503)  # still up
    assert "回答超时" in msg and "0.001 秒" in msg and "稍后再试" in msg


# --------------------------------------------------------------------------- chat


def test_chat_refused_1mb_message_in_history_costs_nothing(web):
    huge = "东营" * (MB // 2)
    refused, _ = _chat(web, huge, [])
    assert refused == app.TOO_LONG.format(limit=web.config.max_question_chars)
    # the browser sends it back as history, in parts, with the refusal after it
    history = [{"role": "user", "content": [{"type": "text", "text": huge}]},
               {"role": "assistant", "content": [{"type": "text", "text": refused}]}]
    t = time.perf_counter()
    answer, _ = _chat(web, DONGYING, history)
    assert time.perf_counter() - t < 1.0  # streaming sleeps ~0.2 s of it
    assert "27.05亿元" in answer


def test_chat_200_history_turns_then_a_follow_up(web):
    history = [{"role": "user", "content": "东" * 50}, {"role": "assistant", "content": "答"}] * 99
    history += [{"role": "user", "content": [{"type": "text", "text": DONGYING}]},
                {"role": "assistant", "content": "目标是**27.05亿元**。"}]
    t = time.perf_counter()
    answer, _ = _chat(web, FOLLOW_UP, history)
    assert time.perf_counter() - t < 1.0
    assert "55.54亿元" in answer


def test_chat_time_budget_message(web):
    hurried = app.WebApp(web.config.replace(request_timeout_s=0.001), bot=web.bot)
    answer, steps = _chat(hurried, _slow_question(web), [])
    assert len(steps) == 1 and "回答超时" in answer and "0.001 秒" in answer


# --------------------------------------------------------------------------- assistant


def test_assistant_random_question_of_1999_characters_is_fast(web):
    for seed in range(3, 8):
        t = time.perf_counter()
        ans = web.bot.ask(_random_question(seed))
        assert time.perf_counter() - t < 0.5, seed
        assert not ans.found and ans.answer


def test_assistant_says_random_text_cannot_be_read(web):
    # most characters no document uses: said at once, before any analysis
    ans = web.bot.ask(_random_question(11))
    assert ans.type == "invalid" and ans.answer.startswith("无法理解这个问题") and not ans.found
    # a real question is read, with a name no document uses, and in Traditional script
    ans = web.bot.ask("东营2021年新一代信息技术产业增加值的目标是多少？（赵龘同志问）")
    assert ans.type != "invalid" and "赵龘" in ans.answer  # read: the refusal names the words
    ans = web.bot.ask("東營2021年新一代信息技術產業增加值的目標是多少？請幫忙查一下")
    assert ans.type != "invalid" and "21.31" in ans.answer


def test_assistant_ignores_a_1mb_history_turn(web):
    history = [{"role": "user", "content": "问" * MB}, {"role": "assistant", "content": "好"}]
    t = time.perf_counter()
    ans = web.bot.ask(DONGYING, history=history)
    assert time.perf_counter() - t < 0.5
    assert "27.05亿元" in ans.answer


def test_long_question_from_the_documents_is_fast(web):
    doc = web.bot.index.documents["dongying-2021"].clean
    for start in range(0, 6000, 2000):
        t = time.perf_counter()
        web.bot.ask(doc[start:start + 1999])
        assert time.perf_counter() - t < 0.5, start


# --------------------------------------------------------------------------- hostile load


@pytest.mark.slow
def test_hostile_client_does_not_slow_ordinary_answers_or_grow_the_server():
    """eval.hostile for 16 s: the real app in a subprocess, 8 ordinary clients and one that
    sends 1 MB history turns, 2,000-character random questions and 40-turn histories. (8 s
    windows gave p95 200.6 and 212 ms in two full CI runs and passed in a third and alone;
    20 s runs of eval.hostile give 146-156 ms on this code and on bac17b8's alike: the short
    window's noise, not the code. The 200 ms target is unchanged.)"""
    from eval.bench import _env
    from eval.hostile import TARGETS, benchmark

    cfg = app_config()
    shared_bot()  # the index exists and is fresh: the server loads it instead of building
    env = _env() | {"POLICYQA_INDEX_DIR": str(cfg.path("index_dir")),
                    "POLICYQA_USER_DIR": str(cfg.path("user_dir")),
                    "POLICYQA_UPLOAD_DIR": str(cfg.path("upload_dir"))}
    r = benchmark(seconds=16, clients=8, env=env)
    assert r["ordinary_errors"] == 0, r["error_samples"]
    assert r["ordinary_requests"] > 100
    assert r["p95_ms"] <= TARGETS["p95_ms"], r
    assert r["peak_rss_mb"] < TARGETS["peak_rss_mb"], r
    outcomes = r["hostile_requests"]
    assert outcomes.get("1 MB history turn: 413", 0) >= 3, outcomes
    assert outcomes.get("2,000-char random question: 200", 0) >= 3, outcomes
    assert all(k.endswith((": 200", ": 413")) for k in outcomes), outcomes
