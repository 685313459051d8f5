"""The few domain exceptions; each message says what went wrong and what to do."""

from __future__ import annotations


class PolicyQAError(Exception):
    """Base class: an error whose message is fit to show a user as it is."""


class IndexNotBuiltError(PolicyQAError):
    def __init__(self, index_dir: str, command: str = "python -m index build") -> None:
        super().__init__(
            f"索引不存在或已失效：{index_dir}。请先运行 `{command}`。"
            f" (No usable index at {index_dir}; run `{command}`.)"
        )


class IndexCorruptError(PolicyQAError):
    """A store file does not match the checksum in the manifest."""


class DocumentError(PolicyQAError):
    """A document cannot be read or accepted (empty, corrupt, unsupported, too large...)."""


class DocumentNotFoundError(DocumentError):
    """No document of the collection has the doc_id asked for."""


class IndexMismatchError(PolicyQAError):
    """A stored index belongs to another program, format version or encoder: refused, never
    searched (its answers would be silently wrong)."""
