"""Fault injection: a real ``eventcodes code`` process is killed at chosen points (SIGKILL, through
the test-only hooks of eventcodes.faults), and the output directory must then hold the previous
dataset or the new one, whole and consistent; the next run cleans up, or resumes, what was left.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

from conftest import MINI
from eventcodes.faults import (
    FAULT_VARIABLE,
    NO_EXCHANGE_VARIABLE,
    PAUSE_FILE_VARIABLE,
    PAUSE_VARIABLE,
)
from eventcodes.run import BATCH_DOCUMENTS, code_corpus

DATASET = {"events.parquet", "events.csv", "datapackage.json", "summary.json", "load_events.R"}
SENTENCES = [
    "Gondor condemned Arnor on Monday.",
    "Arnor met Gondor in the capital.",
    "The weather was calm.",
    "Gondorian troops visited Arnor.",
]


def write_corpus(path: Path, documents: int, seed: int, bad_every: int = 0) -> Path:
    """Write a JSON lines corpus; every ``bad_every``-th line is a record that is rejected."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(documents):
            if bad_every and i % bad_every == bad_every - 1:
                out.write(json.dumps({"id": f"bad-{i}", "date": "not a date", "text": "x"}) + "\n")
                continue
            text = SENTENCES[(i * seed) % len(SENTENCES)]
            record = {"id": f"d{seed}-{i}", "date": f"2024-11-{1 + i % 28:02d}", "text": text}
            out.write(json.dumps(record) + "\n")
    return path


@dataclass(frozen=True)
class Dataset:
    """What a whole dataset holds, after checking that its files agree with each other."""

    event_ids: tuple[str, ...]
    csv: bytes
    rejects: bytes
    counts: tuple[int, int, int, int]  # documents, sentences, events, rejects


def dataset(out: Path) -> Dataset:
    """Return the dataset in ``out`` after checking it is whole: Parquet, CSV, summary.json,
    datapackage.json and rejects.jsonl agree, and nothing else of a run is in it."""
    names = {p.name for p in out.iterdir()}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    expected = DATASET | ({"rejects.jsonl"} if summary["rejects"] else set())
    assert names == expected, f"{out} holds {sorted(names)}"
    table = pq.read_table(out / "events.parquet")
    csv_table = pcsv.read_csv(
        out / "events.csv",
        convert_options=pcsv.ConvertOptions(column_types={"event_id": "string"}),
    )
    ids = table.column("event_id").to_pylist()
    assert csv_table.column("event_id").to_pylist() == ids
    assert len(ids) == summary["events"]
    rejects = (out / "rejects.jsonl").read_bytes() if summary["rejects"] else b""
    assert len(rejects.splitlines()) == summary["rejects"]
    metadata = pq.read_schema(out / "events.parquet").metadata
    assert metadata[b"eventcodes.codebook_hash"].decode() == summary["codebook_hash"]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["eventcodes"]["codebook_hash"] == summary["codebook_hash"]
    assert ("rejects" in [r["name"] for r in package["resources"]]) == bool(summary["rejects"])
    counts = (summary["documents"], summary["sentences"], summary["events"], summary["rejects"])
    return Dataset(tuple(ids), (out / "events.csv").read_bytes(), rejects, counts)


@dataclass(frozen=True)
class Corpora:
    previous: Path
    new: Path
    previous_dataset: Dataset
    new_dataset: Dataset
    previous_dir: Path


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> Corpora:
    root = tmp_path_factory.mktemp("corpora")
    previous = write_corpus(root / "previous.jsonl", 100, seed=1)
    # three batches and some rejects, so that a run has checkpoints to be killed between
    new = write_corpus(root / "new.jsonl", 3 * BATCH_DOCUMENTS - 100, seed=3, bad_every=97)
    code_corpus([previous], root / "ref-previous", codebook_path=MINI, progress=False)
    code_corpus([new], root / "ref-new", codebook_path=MINI, progress=False)
    return Corpora(
        previous,
        new,
        dataset(root / "ref-previous"),
        dataset(root / "ref-new"),
        root / "ref-previous",
    )


def run(
    inputs: Path, out: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``eventcodes code`` in a new process and return how it ended."""
    command = [sys.executable, "-m", "eventcodes", "code", str(inputs), "-o", str(out)]
    command += ["--codebook", str(MINI), *args]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)


def leftovers(out: Path) -> list[str]:
    """Return what a run left beside ``out`` (its siblings) and inside it that is a run's own."""
    beside = [p.name for p in out.parent.iterdir() if p.name != out.name]
    inside = [p.name for p in out.iterdir() if p.name.startswith(".")] if out.is_dir() else []
    return sorted(beside + inside)


def previous_dataset_in(tmp_path: Path, corpora: Corpora) -> Path:
    out = tmp_path / "data" / "out"
    shutil.copytree(corpora.previous_dir, out)
    (out / "notes.txt").write_text("the user's own file\n")
    return out


def without_notes(out: Path) -> Dataset:
    notes = out / "notes.txt"
    assert notes.read_text() == "the user's own file\n"
    moved = out.parent / "notes.txt.kept"
    notes.rename(moved)
    try:
        return dataset(out)
    finally:
        moved.rename(notes)


@pytest.mark.parametrize(
    ("point", "holds", "then"),
    [
        # during coding: two batches coded, one written
        ("coded:2", "previous", ()),
        # two batches written and checkpointed; the next run starts again
        ("checkpoint:2", "previous", ()),
        # while the Parquet parts are joined into events.parquet; resumed, they are joined again
        ("writing:1", "previous", ("--resume",)),
        # the new dataset complete beside OUT; resumed, it is only put in place
        ("before-swap", "previous", ("--resume",)),
        # exchanged, the previous dataset not yet removed
        ("after-swap", "new", ()),
    ],
)
def test_a_run_killed_leaves_the_previous_or_the_new_dataset_and_the_next_run_cleans_up(
    tmp_path: Path, corpora: Corpora, point: str, holds: str, then: tuple[str, ...]
) -> None:
    out = previous_dataset_in(tmp_path, corpora)
    killed = run(corpora.new, out, env={FAULT_VARIABLE: point})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    expected = corpora.previous_dataset if holds == "previous" else corpora.new_dataset
    assert without_notes(out) == expected
    assert leftovers(out)  # the killed run left its work behind ...
    again = run(corpora.new, out, *then)
    assert again.returncode == 0, again.stderr
    if then:  # every document had been coded: none is coded again
        assert f"resumed: {corpora.new_dataset.counts[0]} documents" in again.stdout
    assert without_notes(out) == corpora.new_dataset
    assert leftovers(out) == []  # ... and the next run removed it or finished it


def test_where_directories_cannot_be_exchanged_a_kill_between_the_renames_is_undone(
    tmp_path: Path, corpora: Corpora
) -> None:
    out = previous_dataset_in(tmp_path, corpora)
    env = {FAULT_VARIABLE: "between-renames", NO_EXCHANGE_VARIABLE: "1"}
    killed = run(corpora.new, out, env=env)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # the one moment OUT is absent: the previous dataset is whole beside it, the new one too
    assert not out.exists()
    assert without_notes(out.parent / ".out.eventcodes-old") == corpora.previous_dataset
    again = run(corpora.new, out, env={NO_EXCHANGE_VARIABLE: "1"})
    assert again.returncode == 0, again.stderr
    assert without_notes(out) == corpora.new_dataset
    assert leftovers(out) == []


def start_paused(
    inputs: Path, out: Path, point: str, tmp_path: Path
) -> tuple[subprocess.Popen[str], int]:
    """Start a run that stops at ``point`` and waits there; return it and its pid once there."""
    flag = tmp_path / "paused.pid"
    command = [sys.executable, "-m", "eventcodes", "code", str(inputs), "-o", str(out)]
    command += ["--codebook", str(MINI)]
    env = {**os.environ, PAUSE_VARIABLE: point, PAUSE_FILE_VARIABLE: str(flag)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not flag.exists() or not flag.read_text().strip():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run never reached the pause point"
        time.sleep(0.05)
    return process, int(flag.read_text())


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_kill_9_part_way_then_resume_gives_exactly_the_events_of_an_uninterrupted_run(
    tmp_path: Path, corpora: Corpora
) -> None:
    out = previous_dataset_in(tmp_path, corpora)
    process, _ = start_paused(corpora.new, out, "checkpoint:2", tmp_path)
    kill(process)
    assert without_notes(out) == corpora.previous_dataset
    resumed = run(corpora.new, out, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    # two batches were checkpointed: their documents were not coded again
    assert f"resumed: {2 * BATCH_DOCUMENTS} documents were already coded" in resumed.stdout
    assert without_notes(out) == corpora.new_dataset
    assert leftovers(out) == []


def test_resume_with_other_inputs_is_refused_and_changes_nothing(
    tmp_path: Path, corpora: Corpora
) -> None:
    out = previous_dataset_in(tmp_path, corpora)
    inputs = tmp_path / "new.jsonl"
    shutil.copy(corpora.new, inputs)
    killed = run(inputs, out, env={FAULT_VARIABLE: "checkpoint:1"})
    assert killed.returncode == -signal.SIGKILL
    refused = run(corpora.previous, out, "--resume")
    assert refused.returncode == 2
    assert "cannot resume" in refused.stderr and "other inputs" in refused.stderr
    assert str(out) in refused.stderr
    with inputs.open("a", encoding="utf-8") as more:  # the same path, but grown since
        more.write('{"id": "late", "date": "2024-11-05", "text": "Arnor met Gondor."}\n')
    refused = run(inputs, out, "--resume")
    assert refused.returncode == 2 and "input files that have changed since" in refused.stderr
    assert without_notes(out) == corpora.previous_dataset
    assert leftovers(out)  # kept, untouched


def test_a_second_run_into_the_same_directory_is_refused_naming_the_first(
    tmp_path: Path, corpora: Corpora
) -> None:
    out = previous_dataset_in(tmp_path, corpora)
    first, pid = start_paused(corpora.new, out, "coded:1", tmp_path)
    try:
        second = run(corpora.previous, out)
        assert second.returncode == 2
        message = second.stderr.strip()
        assert message.count("\n") == 0
        assert str(out) in message and f"process {pid}" in message
        assert without_notes(out) == corpora.previous_dataset
    finally:
        kill(first)
    # the lock died with the first run: a new run goes ahead and cleans up after it
    third = run(corpora.new, out)
    assert third.returncode == 0, third.stderr
    assert without_notes(out) == corpora.new_dataset
    assert leftovers(out) == []
