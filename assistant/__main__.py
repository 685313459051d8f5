"""``python -m assistant ask|serve``: ask questions from the shell, or start the web app."""

from __future__ import annotations

import argparse
import json
import sys

import index  # noqa: F401  (offline environment first)
from index.config import Config
from index.errors import PolicyQAError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser(
        "ask",
        help="answer a question; with no question, read one per line from stdin and "
        "print one JSON object per line",
    )
    a.add_argument("question", nargs="?", help="the question (omit to read stdin)")
    a.add_argument("--json", action="store_true", help="print the answer as JSON")
    a.add_argument("--doc", dest="doc_filter", help="only this document (doc_id)")
    s = sub.add_parser("serve", help="start the web app (host/port from config)")
    s.add_argument("--host", help="override the host setting")
    s.add_argument("--port", type=int, help="override the port setting")
    args = parser.parse_args(argv)
    try:
        config = Config.load()
        if args.command == "serve":
            import app  # the web front end lives at the top level, beside eval/

            changes = {k: v for k, v in (("host", args.host), ("port", args.port)) if v}
            app.serve(config.replace(**changes))
            return 0
        from assistant.core import Assistant

        bot = Assistant(config)
        if args.question is not None:
            ans = bot.ask(args.question, doc_filter=args.doc_filter)
            print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2) if args.json
                  else ans.render_text())
            return 0
        for line in sys.stdin:
            if line.strip():
                ans = bot.ask(line.strip(), doc_filter=args.doc_filter)
                print(json.dumps(ans.to_dict(), ensure_ascii=False), flush=True)
    except (PolicyQAError, FileNotFoundError, ValueError) as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
