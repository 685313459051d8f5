"""The index stage: read, clean and parse documents, then embed and store them for search.

Importing this package makes every library offline before any of them loads: nothing in
this project downloads a model or sends analytics at run time.
"""

import os

for _key, _value in (
    ("HF_HUB_OFFLINE", "1"),
    ("TRANSFORMERS_OFFLINE", "1"),
    ("HF_HUB_DISABLE_TELEMETRY", "1"),
    ("GRADIO_ANALYTICS_ENABLED", "False"),
    ("TOKENIZERS_PARALLELISM", "false"),
):
    os.environ.setdefault(_key, _value)
