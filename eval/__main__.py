"""``python -m eval``: run the QA benchmark and write results, a summary and a chart."""

from __future__ import annotations

import sys

from eval.runner import main

if __name__ == "__main__":
    sys.exit(main())
