"""Explaining one text: the sentences, actors, verbs, patterns, roles, dates and events, step by step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .codebook import Codebook
from .codebook.layers import row_label
from .coder import FIRED, Coder, SentenceResult, VerbStatus
from .documents import Document


@dataclass(frozen=True)
class Explanation:
    """The coder's trace for one text; ``render()`` gives it as text, ``as_dict()`` as data."""

    text: str
    date: dt.date
    codebook: str
    sentences: list[dict[str, Any]]

    @property
    def events(self) -> list[dict[str, Any]]:
        return [e for s in self.sentences for e in s["events"]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "codebook": self.codebook,
            "sentences": [
                {
                    **s,
                    "events": [
                        {**e, "event_date": e["event_date"].isoformat()} for e in s["events"]
                    ],
                }
                for s in self.sentences
            ],
        }

    def render(self) -> str:
        """Return the trace as indented text for a terminal."""
        out = [f"codebook {self.codebook}; document date {self.date.isoformat()}"]
        for s in self.sentences:
            out.append("")
            out.append(f"sentence {s['index']}: {s['text']}")
            if s["discarded"]:
                out.append(f"  discarded: a discard phrase with scope {s['discarded']}")
                continue
            for a in s["actors"]:
                parts = ", ".join(
                    f"{m['text']!r} {m['kind']} {m['code']} ({m['rule']})" for m in a["mentions"]
                )
                flags = (" possessive" if a["possessive"] else "") + (
                    " (country from the sentence or story)" if a["localised"] else ""
                )
                out.append(
                    f"  actor [{a['start']}:{a['end']}] {a['text']!r} -> {a['code']}{flags}  <- {parts}"
                )
            for d in s["dates"]:
                out.append(
                    f"  date expression [{d['start']}:{d['end']}] {d['text']!r} -> {d['date']} ({d['precision']})"
                )
            for v in s["verbs"]:
                line = f"  verb {v['text']!r} ({v['verb']}): {v['status']}"
                if v["reason"]:
                    line += f", {v['reason']}"
                if v["rule_id"]:
                    line += f"; rule {v['rule_id']}"
                    line += f" ({v['rule_row']})" if v.get("rule_row") else ""
                    line += f" pattern {v['pattern']!r}" if v["pattern"] else " (verb default)"
                    line += f" -> {v['code']}"
                out.append(line)
                if v["status"] == VerbStatus.CODED:
                    out.append(
                        f"    source: {', '.join(v['sources']) or '-'}; target: {', '.join(v['targets']) or '-'}"
                        + ("; passive" if v["passive"] else "")
                    )
                    if v["date"]:
                        out.append(f"    date set by {v['date']!r}")
            for e in s["events"]:
                out.append(
                    f"  EVENT {e['source_code']} {e['event_code']} {e['target_code'] or '-'}"
                    f"  date {e['event_date']} ({e['date_precision']}, {e['date_source']})  rule {e['rule_id']}"
                )
            if not s["events"]:
                out.append("  no event")
        return "\n".join(out)


def _sentence(
    res: SentenceResult, rule_rows: dict[str, str] | None = None, root: Path | None = None
) -> dict[str, Any]:
    def char_span(start: int, end: int) -> tuple[int, int]:
        return res.tokens[start].start, res.tokens[end - 1].end

    actors = []
    for c in res.chunks:
        a, b = char_span(c.start, c.end)
        actors.append(
            {
                "start": a,
                "end": b,
                "text": res.text[a:b],
                "code": c.code,
                "possessive": c.possessive,
                "localised": c.localised,
                "mentions": [
                    {
                        "text": res.text[slice(*char_span(m.start, m.end))],
                        "kind": "surname" if m.from_memory else m.kind,
                        "code": m.code,
                        "rule": m.origin.short if root is None else row_label(m.origin, root),
                    }
                    for m in c.mentions
                ],
            }
        )
    verbs = []
    for v in res.verbs:
        tok = res.tokens[v.token]
        verbs.append(
            {
                "text": tok.text,
                "start": tok.start,
                "verb": v.verb.verb,
                "status": v.status.value,
                "reason": v.reason,
                "rule_id": v.rule_id if v.code or v.status in FIRED else "",
                # the table row of the rule; a row of a codebook this one extends is named by its
                # path from this one (../phoenix-imported/patterns.csv:12)
                "rule_row": (rule_rows or {}).get(v.rule_id, ""),
                "pattern": v.pattern,
                "code": v.code,
                "sources": [f"{c.text} ({c.code})" for c in v.sources],
                "targets": [f"{c.text} ({c.code})" for c in v.targets],
                "passive": v.passive,
                "date": v.date.text if v.date else None,
            }
        )
    return {
        "index": res.index,
        "text": res.text,
        "discarded": res.discarded,
        "actors": actors,
        "dates": [
            {
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "date": d.date.isoformat(),
                "precision": d.precision,
            }
            for d in res.dates
        ],
        "verbs": verbs,
        "events": res.events,
    }


def explain(
    text: str, date: dt.date, codebook: Codebook, coder: Coder | None = None
) -> Explanation:
    """Return the coder's step-by-step trace for one text dated ``date``."""
    coder = coder or Coder(codebook)
    trace: list[SentenceResult] = []
    coder.code_document(Document(id="explain", date=date, text=text), trace=trace)
    for res in trace:
        if not res.dates:
            res.dates = coder.dates.find_dates(res.text, date)
    root = codebook.path
    rule_rows = {v.rule_id: row_label(v.origin, root) for v in codebook.verbs}
    rule_rows.update({p.rule_id: row_label(p.origin, root) for p in codebook.patterns})
    return Explanation(
        text,
        date,
        f"{codebook.name} {codebook.version}",
        [_sentence(r, rule_rows, root) for r in trace],
    )
