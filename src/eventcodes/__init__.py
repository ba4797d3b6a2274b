"""eventcodes: code news text into CAMEO source-action-target event data."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventcodes")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

from .codebook import Codebook, load_codebook  # noqa: E402
from .coder import Coder  # noqa: E402
from .documents import Document, Reject  # noqa: E402
from .explain import Explanation, explain  # noqa: E402
from .ingest import read_documents  # noqa: E402
from .run import code_arrow_batch, code_corpus  # noqa: E402

__all__ = [
    "Codebook",
    "Coder",
    "Document",
    "Explanation",
    "Reject",
    "__version__",
    "code_arrow_batch",
    "code_corpus",
    "explain",
    "load_codebook",
    "read_documents",
]
