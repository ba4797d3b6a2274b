"""The progress bar of eventcodes code: documents, sentences a second and time left on a terminal;
nothing when standard error is not a terminal, or with --quiet."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from conftest import MINI, SAMPLE
from eventcodes.cli import main
from eventcodes.run import code_corpus


def test_on_a_terminal_the_bar_shows_documents_sentences_a_second_and_time_left(
    tmp_path: Path,
) -> None:
    leader, follower = pty.openpty()
    # a terminal 100 columns wide (a new pseudo-terminal has none, and tqdm then draws nothing)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    command = [sys.executable, "-m", "eventcodes", "code", str(SAMPLE), "-o", str(tmp_path / "o")]
    process = subprocess.Popen(
        [*command, "--codebook", str(MINI)], stderr=follower, stdout=subprocess.DEVNULL
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    text = shown.decode("utf-8", "replace")
    assert "coding 100%" in text
    assert "31 documents" in text and "sentences/s" in text
    assert "<00:00 left]" in text  # elapsed < time left


def test_not_on_a_terminal_the_run_prints_no_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code_corpus([SAMPLE], tmp_path / "out", codebook_path=MINI)  # progress=None: auto
    assert capsys.readouterr().err == ""


def test_quiet_prints_nothing_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["code", str(SAMPLE), "-o", str(tmp_path / "out"), "--codebook", str(MINI)]
    assert main([*args, "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("coded 31 documents")
