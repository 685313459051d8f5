"""Two documents written for the answerers' tests (云溪县 and 松岭县, made up), indexed
once per session, and the question contexts the answerers are tried on."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
YUNXI = "yunxi-2026"
SONGLING = "songling-2026"
YUNXI_DOC = {"doc_id": YUNXI, "file": "yunxi_rural_industry_2026.txt", "title": "云溪县2026年乡村产业振兴行动方案",
     "label": "云溪县2026年乡村产业振兴行动方案", "place": "云溪县", "issuer": "云溪县人民政府",
     "date": "2026-01-15", "year": 2026, "doc_number": "云政发〔2026〕3号", "script": "simplified",
     "inferred": [], "missing": []}
DOCUMENTS = [
    YUNXI_DOC,
    {"doc_id": SONGLING, "file": "songling_rural_industry_2026.txt", "title": "松岭县2026年乡村产业振兴工作要点",
     "label": "松岭县2026年乡村产业振兴工作要点", "place": "松岭县", "year": 2026, "script": "simplified",
     "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]},
]


def write_corpus(dest: Path, documents: list[dict] | None = None) -> Path:
    """Test documents (default: the two above) and their ``sources.yaml`` in ``dest``
    (created)."""
    documents = DOCUMENTS if documents is None else documents
    dest.mkdir(parents=True)
    for d in documents:
        shutil.copy(FIXTURES / d["file"], dest / d["file"])
    (dest / "sources.yaml").write_text(yaml.safe_dump({"documents": documents}, allow_unicode=True),
                                       encoding="utf-8")
    return dest


def context(bot, question: str, history: list[dict[str, str]] | None = None,  # noqa: ANN001, ANN201
            doc_filter: str | None = None):
    """The QueryContext the assistant builds for ``question``: what its answerers see."""
    from assistant.context import build_context

    return build_context(bot._state, question, history or [], doc_filter, bot.config)


def assistant_on(base: Path, documents: list[dict] | None = None, request=None,  # noqa: ANN001, ANN201
                 name: str = "answerers"):
    """An Assistant on ``documents`` written under ``base``; with pytest's ``request``, on
    the backend ``--index-backend`` names (``name``: its Milvus collection)."""
    from assistant.core import Assistant
    from index.config import Config

    corpus = write_corpus(base / "corpus", documents)
    config = Config(corpus_dir=str(corpus), user_dir=str(base / "user"), index_dir=str(base / "index"),
                    upload_dir=str(base / "uploads"))
    if request is not None:
        from conftest import on_test_backend

        config = on_test_backend(request, config, name)
    return Assistant(config)
