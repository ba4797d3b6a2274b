"""The README's Makefile for a user's project: make recodes only the months whose input or codebook
changed, then rebuilds the panels and the report."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventcodes.codebook import default_codebook_path
from needs import require_program

ROOT = Path(__file__).resolve().parent.parent
MONTHS = {
    "2024-10": {"id": "oct", "date": "2024-10-07", "text": "France condemned Russia."},
    "2024-11": {"id": "nov", "date": "2024-11-04", "text": "South Korea condemned North Korea."},
}


def readme_makefile() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- readme-makefile:[^>]*-->\n```make\n(.*?)```", readme, re.DOTALL)
    assert match is not None, "the README's user Makefile"
    return match.group(1)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for month, doc in MONTHS.items():
        (tmp_path / "input" / month).mkdir(parents=True)
        (tmp_path / "input" / month / "news.jsonl").write_text(json.dumps(doc) + "\n", "utf-8")
    shutil.copytree(default_codebook_path(), tmp_path / "codebook")
    (tmp_path / "Makefile").write_text(readme_makefile(), encoding="utf-8")
    return tmp_path


def make(project: Path) -> list[str]:
    """Run make in the project; return the months it coded."""
    binary = require_program("make", "apt-get install make")
    done = subprocess.run(
        [binary, f"EVENTCODES={sys.executable} -m eventcodes"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return re.findall(r"eventcodes code input/(\S+)", done.stdout)


def age_everything(project: Path) -> None:
    """Set every file's time 100 s back, so that what make writes next is newer than it."""
    past = time.time() - 100
    for path in project.rglob("*"):
        os.utime(path, (past, past))


def test_make_recodes_only_what_changed(project: Path) -> None:
    assert sorted(make(project)) == ["2024-10", "2024-11"]
    assert (project / "panels" / "country-month" / "panel.parquet").is_file()
    assert (project / "report.html").is_file()
    assert make(project) == []  # up to date

    age_everything(project)
    report_before = (project / "report.html").stat().st_mtime_ns
    october_before = (project / "events" / "2024-10" / "events.parquet").stat().st_mtime_ns
    now = time.time() - 50
    os.utime(project / "input" / "2024-11" / "news.jsonl", (now, now))  # touch November's input
    assert make(project) == ["2024-11"]
    assert (project / "events" / "2024-10" / "events.parquet").stat().st_mtime_ns == october_before
    assert (project / "report.html").stat().st_mtime_ns > report_before  # rebuilt
    assert make(project) == []

    age_everything(project)
    for path in (project / "codebook").rglob("*.csv"):  # touched, not changed: nothing to recode
        os.utime(path, None)
    assert make(project) == []

    discards = project / "codebook" / "discards.csv"  # an edit of the codebook recodes every month
    discards.write_text(discards.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    assert sorted(make(project)) == ["2024-10", "2024-11"]
    assert make(project) == []
