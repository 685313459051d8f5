"""The web app: a Gradio chat mounted in FastAPI with a small JSON API (placeholder)."""

from __future__ import annotations

import index  # noqa: F401  (offline environment before gradio loads)
from index.config import Config


def create_app(config: Config):
    import gradio as gr
    from fastapi import FastAPI

    api = FastAPI(title="政策文件问答")

    @api.get("/api/health")
    def health() -> dict:
        return {"status": "ok"}

    with gr.Blocks(title="政策文件问答", analytics_enabled=False) as demo:
        gr.Markdown("# 政策文件问答\n建设中。")
    return gr.mount_gradio_app(api, demo, path="/")


def serve(config: Config) -> None:
    import uvicorn

    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="warning")


if __name__ == "__main__":
    serve(Config.load())
