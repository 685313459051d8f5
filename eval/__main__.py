"""``python -m eval``: run the QA benchmark and write results, a summary and a chart;
``python -m eval feedback`` summarises staff's 👍/👎 on answers; ``python -m eval rephrase``
checks that answers hold when questions are reworded in ways that change nothing asked."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["feedback"]:
        from eval.feedback import main as feedback_main

        sys.exit(feedback_main(sys.argv[2:]))
    if sys.argv[1:2] == ["rephrase"]:
        from eval.rephrase import main as rephrase_main

        sys.exit(rephrase_main(sys.argv[2:]))
    from eval.runner import main

    sys.exit(main())
