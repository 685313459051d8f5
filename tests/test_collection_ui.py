"""The 文档 tab's collection operations (webapp.collection_ui) and uploads of a revised
document, on the real Assistant."""

from __future__ import annotations

import pytest
from app_fixtures import app_config, shared_bot

from app import WebApp
from webapp import collection_ui as ui


@pytest.fixture(scope="module")
def web():
    return WebApp(app_config(), bot=shared_bot())


def _doc(folder, title: str, figure: str):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{title}.txt"
    path.write_text(f"{title}\n石岭镇人民政府\n一、目标\n到2026年，全镇新建农村公路{figure}。\n"
                    "二、措施\n加强资金保障。\n", encoding="utf-8")
    return path


def _ids(web):
    return {row[0]: row for row in ui.collection_rows(web)}


def test_an_upload_with_the_same_title_and_issuer_supersedes_the_document(web, tmp_path):
    title = "石岭镇2026年农村公路建设方案"
    message, changed = web.add_files([str(_doc(tmp_path / "a", title, "18公里"))])
    assert changed and "已添加 1 份文档" in message
    doc_id = next(d for d, row in _ids(web).items() if row[1] == title)
    message, changed = web.add_files([str(_doc(tmp_path / "b", title, "26公里"))])
    assert changed and "第 2 版" in message and "已添加" not in message
    rows = [r for r in ui.collection_rows(web) if r[1] == title]
    assert len(rows) == 1 and rows[0][3] == 2 and "第1版" in rows[0][9]
    answer = web.ask("石岭镇2026年新建农村公路多少公里？")
    assert "26公里" in answer.answer and "18公里" not in answer.answer
    assert {c.doc_id for c in answer.citations} == {doc_id}
    # The very same file again is a duplicate, not a third version.
    message, changed = web.add_files([str(_doc(tmp_path / "c", title, "26公里"))])
    assert not changed and "重复" in message
    assert ui.version_choices(web, doc_id)[0][1] == 1
    assert ui.restore(web, doc_id, 1) == (f"已恢复：{title} 的第 1 版为当前版本。", True)
    assert "18公里" in web.ask("石岭镇2026年新建农村公路多少公里？").answer
    assert ui.remove(web, doc_id, confirmed=False)[1] is False  # asks first
    message, changed = ui.remove(web, doc_id, confirmed=True)
    assert changed and message.startswith("已删除")
    assert doc_id not in _ids(web)


def test_seeds_cannot_be_changed_and_mistakes_are_said_in_chinese(web, tmp_path):
    seed = next(d for d, row in _ids(web).items() if row[2] == "内置")
    assert seed not in {d for _, d in ui.user_choices(web)}
    message, changed = ui.remove(web, seed, confirmed=True)
    assert not changed and "未改变文档集合" in message
    assert ui.remove(web, None, True) == (ui.PICK_FIRST, False)
    assert ui.replace(web, "no-such-doc", None) == ("请先上传新版本的文件。", False)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert "空" in ui.replace(web, "no-such-doc", empty)[0]
    assert ui.restore(web, seed, "") == ("请先选择要恢复的版本。", False)
    assert ui.version_choices(web, "no-such-doc") == []
