"""Measure the coder on the real-news development set in ../shared/realnews-dev/ (`make eval-dev`).

Scoring follows that directory's README:

- coverage: the share of sentences of ``sentences.tsv`` that give at least one event;
- PentaClass accuracy and macro-F1: the class of the first event of the sentence against ``pentaclass``
  (a sentence with no event counts as wrong);
- actor token F1, source and target separately, on ``actors.conll``: the tokens of the first event's
  ``source_text`` and ``target_text`` are marked and compared with the ``S`` and ``T`` tags (``R``, an actor
  on both sides, counts as both). Token counts are pooled over all sentences (micro F1).

The set is not part of the repository (its sentences are the publishers'); this script is not part of
``make test``. ``--failures FILE`` writes every sentence that is wrong on any measure, with what was
coded and the coder's trace, for study; keep that file out of the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcodes import Coder, explain, load_codebook
from eventcodes.codebook import Codebook
from eventcodes.explain import Explanation

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "realnews-dev"
DEFAULT_CODEBOOK = ROOT / "codebooks" / "default"
DEFAULT_OUT = ROOT / "output" / "eval-dev.json"
#: the sentences are from 2017-18 stories and carry no date of their own
DEFAULT_DATE = dt.date(2018, 1, 1)
CLASSES = (0, 1, 2, 3, 4)

# Tokens of actors.conll that attach to the previous token, and tokens the next one attaches to.
_NO_SPACE_BEFORE = {".", ",", ")", ":", ";", "%", "'s", "’", "'", "”", "-", "?", "!", "n't"}
_NO_SPACE_AFTER = {"(", "$", "-", "“", "‘", "€", "£"}


def pentaclass(event_code: str) -> int:
    """Return the PentaClass (0-4) of a CAMEO event code, as the realnews README defines it;
    -1 for a code outside CAMEO's roots (an imported dictionary's own codes)."""
    try:
        root = int(event_code[:2])
    except ValueError:
        return -1
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4 if root <= 20 else -1


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join CoNLL tokens into text as a wire story would print it; return it and each token's span."""
    text = ""
    spans: list[tuple[int, int]] = []
    prev = ""
    for i, tok in enumerate(tokens):
        glue = (
            i == 0
            or tok in _NO_SPACE_BEFORE
            or prev in _NO_SPACE_AFTER
            or (tok == "s" and prev in ("’", "'"))
        )
        if not glue:
            text += " "
        spans.append((len(text), len(text) + len(tok)))
        text += tok
        prev = tok
    return text, spans


def read_sentences(path: Path) -> list[tuple[str, int]]:
    """Read ``sentences.tsv``: (text, pentaclass) rows."""
    rows: list[tuple[str, int]] = []
    with path.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header != ["text", "pentaclass"]:
            raise SystemExit(f"{path}:1: expected the header 'text<TAB>pentaclass', got {header}")
        for n, line in enumerate(fh, start=2):
            line = line.rstrip("\n")
            if not line:
                continue
            text, sep, label = line.rpartition("\t")
            if not sep or label not in {str(c) for c in CLASSES}:
                raise SystemExit(f"{path}:{n}: expected text, a tab and a class 0-4")
            rows.append((text, int(label)))
    return rows


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Read ``actors.conll``: sentences as lists of (token, tag)."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, sep, tag = line.rpartition(" ")
            if not sep or tag.split("-")[-1] not in ("S", "T", "R", "O"):
                raise SystemExit(
                    f"{path}:{n}: expected a token, a space and a tag (B-S, I-T, O, ...)"
                )
            cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: set[int], gold: set[int]) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def f1(self) -> float:
        if self.tp == 0:
            return 0.0
        p = self.tp / (self.tp + self.fp)
        r = self.tp / (self.tp + self.fn)
        return 2 * p * r / (p + r)


@dataclass
class Results:
    n_sentences: int = 0
    covered: int = 0
    correct: int = 0
    confusion: dict[tuple[int, int | None], int] = field(default_factory=dict)
    n_actor_sentences: int = 0
    source: Counts = field(default_factory=Counts)
    target: Counts = field(default_factory=Counts)

    def per_class(self) -> dict[int, tuple[float, float, float]]:
        """Return precision, recall and F1 of each PentaClass (a sentence with no event counts as missed)."""
        out = {}
        for c in CLASSES:
            tp = self.confusion.get((c, c), 0)
            pred = sum(v for (_g, p), v in self.confusion.items() if p == c)
            gold = sum(v for (g, _p), v in self.confusion.items() if g == c)
            p = tp / pred if pred else 0.0
            r = tp / gold if gold else 0.0
            out[c] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
        return out

    def macro_f1(self) -> float:
        f1s = [f for _p, _r, f in self.per_class().values()]
        return sum(f1s) / len(f1s)

    def as_dict(self) -> dict[str, Any]:
        n = self.n_sentences or 1
        return {
            "sentences": self.n_sentences,
            "coverage": round(self.covered / n, 4),
            "pentaclass_accuracy": round(self.correct / n, 4),
            "pentaclass_macro_f1": round(self.macro_f1(), 4),
            "per_class": {
                str(c): {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
                for c, (p, r, f) in self.per_class().items()
            },
            "actor_sentences": self.n_actor_sentences,
            "source_token_f1": round(self.source.f1(), 4),
            "target_token_f1": round(self.target.f1(), 4),
            "confusion": {
                f"{g}": {
                    ("none" if p is None else str(p)): self.confusion.get((g, p), 0)
                    for p in (*CLASSES, None)
                }
                for g in CLASSES
            },
        }


def _first_event(ex: Explanation) -> dict[str, Any] | None:
    events = ex.events
    return events[0] if events else None


def _mark(text: str, spans: list[tuple[int, int]], phrase: str | None) -> set[int]:
    """Return the indexes of the tokens that the first occurrence of ``phrase`` in ``text`` covers."""
    if not phrase:
        return set()
    at = text.find(phrase)
    if at < 0:
        return set()
    end = at + len(phrase)
    return {i for i, (a, b) in enumerate(spans) if a < end and b > at}


def _gold(tags: list[str], side: str) -> set[int]:
    return {i for i, t in enumerate(tags) if t != "O" and t.split("-")[-1] in (side, "R")}


def _summary(ev: dict[str, Any] | None) -> str:
    if ev is None:
        return "no event"
    return (
        f"{ev['source_code']} {ev['event_code']} {ev['target_code'] or '-'}"
        f" (source {ev['source_text']!r}, target {ev['target_text']!r}, rule {ev['rule_id']})"
    )


def evaluate(
    data: Path,
    codebook: Codebook,
    date: dt.date = DEFAULT_DATE,
    failures: list[dict[str, Any]] | None = None,
) -> Results:
    """Code the development set with ``codebook`` and score it; append failing sentences to ``failures``."""
    coder = Coder(codebook)
    res = Results()
    for text, gold in read_sentences(data / "sentences.tsv"):
        ex = explain(text, date, codebook, coder)
        ev = _first_event(ex)
        pred = pentaclass(ev["event_code"]) if ev else None
        res.n_sentences += 1
        res.covered += ev is not None
        res.correct += pred == gold
        res.confusion[(gold, pred)] = res.confusion.get((gold, pred), 0) + 1
        if failures is not None and pred != gold:
            failures.append(
                {
                    "set": "sentences",
                    "text": text,
                    "gold_class": gold,
                    "coded_class": pred,
                    "coded": _summary(ev),
                    "trace": ex.render(),
                }
            )
    for sent in read_conll(data / "actors.conll"):
        tokens = [t for t, _ in sent]
        tags = [g for _, g in sent]
        text, spans = detokenize(tokens)
        ex = explain(text, date, codebook, coder)
        ev = _first_event(ex)
        p_src = _mark(text, spans, ev["source_text"] if ev else None)
        p_tgt = _mark(text, spans, ev["target_text"] if ev else None)
        g_src, g_tgt = _gold(tags, "S"), _gold(tags, "T")
        res.n_actor_sentences += 1
        res.source.add(p_src, g_src)
        res.target.add(p_tgt, g_tgt)
        if failures is not None and (p_src != g_src or p_tgt != g_tgt):
            failures.append(
                {
                    "set": "actors",
                    "text": text,
                    "gold_source": " ".join(tokens[i] for i in sorted(g_src)),
                    "gold_target": " ".join(tokens[i] for i in sorted(g_tgt)),
                    "coded": _summary(ev),
                    "trace": ex.render(),
                }
            )
    return res


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _render_failures(failures: Iterable[dict[str, Any]]) -> str:
    out = []
    for n, f in enumerate(failures, start=1):
        if f["set"] == "sentences":
            head = f"[{n}] sentences: gold class {f['gold_class']}, coded {f['coded_class']}: {f['coded']}"
        else:
            head = (
                f"[{n}] actors: gold source {f['gold_source']!r}, gold target {f['gold_target']!r};"
                f" coded {f['coded']}"
            )
        out.append(head)
        out.append(f["trace"])
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the realnews-dev directory")
    ap.add_argument("--codebook", type=Path, default=DEFAULT_CODEBOOK, help="codebook directory")
    ap.add_argument("--date", default=DEFAULT_DATE.isoformat(), help="document date (ISO)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON figures")
    ap.add_argument("--failures", type=Path, help="write each failing sentence with its trace here")
    args = ap.parse_args(argv)
    for name in ("sentences.tsv", "actors.conll"):
        if not (args.data / name).is_file():
            print(
                f"error: {args.data / name} not found; give the realnews-dev directory with --data",
                file=sys.stderr,
            )
            return 2
    date = dt.date.fromisoformat(args.date)
    codebook = load_codebook(args.codebook)
    failures: list[dict[str, Any]] | None = [] if args.failures else None
    res = evaluate(args.data, codebook, date, failures)
    figures = {"codebook": str(args.codebook), "date": date.isoformat(), **res.as_dict()}
    _write_atomic(args.out, json.dumps(figures, indent=2) + "\n")
    if args.failures and failures is not None:
        _write_atomic(args.failures, _render_failures(failures))
    print(
        f"coverage {figures['coverage']:.1%}  accuracy {figures['pentaclass_accuracy']:.1%}"
        f"  macro-F1 {figures['pentaclass_macro_f1']:.3f}"
        f"  source F1 {figures['source_token_f1']:.3f}  target F1 {figures['target_token_f1']:.3f}"
        f"  ({figures['sentences']} sentences, {figures['actor_sentences']} with actors; {args.out})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
