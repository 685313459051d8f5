"""The assistant stage: question analysis, retrieval, grounded answers with citations, chat."""

import index  # noqa: F401  (sets the offline environment before any library loads)
