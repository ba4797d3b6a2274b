"""The codebook travels to Spark executors as bytes and is compiled once per Python process.

These run without pyspark: eventcodes.spark imports it only inside code_dataframe.
"""

from __future__ import annotations

import pytest

from conftest import MINI
from eventcodes import load_codebook
from eventcodes.errors import EventcodesError
from eventcodes.spark import executor_coder, pack_codebook


def test_an_unpacked_codebook_is_the_same_codebook_compiled_once() -> None:
    codebook = load_codebook(MINI)
    files = pack_codebook(codebook.path)
    assert "manifest.toml" in files
    first = executor_coder(files, codebook.hash)
    assert first.codebook.hash == codebook.hash  # same files, same relative paths
    assert executor_coder(files, codebook.hash) is first  # later batches reuse the compiled coder


def test_a_codebook_that_does_not_match_its_hash_is_refused() -> None:
    codebook = load_codebook(MINI)
    files = pack_codebook(codebook.path)
    files["manifest.toml"] = files["manifest.toml"] + b"\n# edited on the way\n"
    with pytest.raises(EventcodesError, match="differs from the driver's"):
        executor_coder(files, "0" * 64)
