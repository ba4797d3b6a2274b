"""A self-contained HTML report of a dataset: what it holds, before anyone trusts it.

``write_report(outdir)`` reads events.parquet, summary.json and rejects.jsonl of one or more
output directories and writes ``report.html``: the run's figures, events over time by quad class,
the top dyads, event codes and countries, the codebook rules that fired most, and the rejects with
their reasons. Charts are drawn with matplotlib and embedded as inline SVG, so the file opens
with no network and no script.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from .dataset import EVENTS_PARQUET, REJECTS_JSONL, SUMMARY_JSON
from .errors import InputError
from .export import write_text_atomically
from .schema import QUAD_LABELS

__all__ = ["REPORT_HTML", "QUAD_COLOURS", "write_report"]

REPORT_HTML = "report.html"
#: one colour per quad class (colour-blind safe, from ColorBrewer's Dark2)
QUAD_COLOURS = ("#1b9e77", "#7570b3", "#d95f02", "#e7298a")
BAR_COLOUR = "#386cb0"
TOP = 15


def write_report(outdirs: Sequence[Path], out: Path | None = None) -> Path:
    """Return the path of the report written for the datasets (default: the first's report.html)."""
    if not outdirs:
        raise InputError("no dataset given; name an output directory of eventcodes code")
    frames: list[pl.DataFrame] = []
    summaries: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for outdir in map(Path, outdirs):
        parquet = outdir / EVENTS_PARQUET
        if not parquet.is_file():
            raise InputError(
                f"{outdir} has no {EVENTS_PARQUET}; give a directory written by eventcodes code"
            )
        frames.append(pl.read_parquet(parquet))
        if (outdir / SUMMARY_JSON).is_file():
            summaries.append(json.loads((outdir / SUMMARY_JSON).read_text(encoding="utf-8")))
        if (outdir / REJECTS_JSONL).is_file():
            with open(outdir / REJECTS_JSONL, encoding="utf-8") as handle:
                rejects.extend(json.loads(line) for line in handle if line.strip())
    events = pl.concat(frames, how="diagonal_relaxed")
    page = render_report(events, summaries, rejects, [str(p) for p in outdirs])
    target = Path(out) if out is not None else Path(outdirs[0]) / REPORT_HTML
    return write_text_atomically(target, page)


def render_report(
    events: pl.DataFrame,
    summaries: list[dict[str, Any]],
    rejects: list[dict[str, Any]],
    sources: list[str],
) -> str:
    """Return the report page as HTML text."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context(
        {
            "svg.hashsalt": "eventcodes",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        sections = [
            _overview(events, summaries, rejects, sources),
            _section("Events over time by quad class", "over-time", _over_time(events)),
            _section(
                "Top dyads (source country → target country)", "dyads", _bars(_top_dyads(events))
            ),
            _section("Top event codes", "codes", _bars(_top_codes(events))),
            _section(
                "Countries involved (as source or target)",
                "countries",
                _bars(_top_countries(events)),
            ),
            _section("Codebook rules that fired most", "rules", _bars(_top(events, "rule_id"))),
            _rejects(rejects),
        ]
    title = "eventcodes report"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{title}</h1>\n" + "\n".join(sections) + "\n</body></html>\n"
    )


_CSS = (
    "body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
    "figure.chart{margin:0}figure.chart svg{max-width:100%;height:auto}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
    "td.n{text-align:right}p.empty{color:#777}"
)


def _section(title: str, ident: str, body: str) -> str:
    return f'<section id="{ident}"><h2>{html.escape(title)}</h2>\n{body}\n</section>'


def _svg(fig: Any, ident: str) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and doctype inside HTML
    return f'<figure class="chart" data-chart="{ident}">{svg}</figure>'


def _empty(what: str) -> str:
    return f'<p class="empty">No {what}.</p>'


def _overview(
    events: pl.DataFrame,
    summaries: list[dict[str, Any]],
    rejects: list[dict[str, Any]],
    sources: list[str],
) -> str:
    def total(key: str) -> int:
        return sum(int(s.get(key, 0)) for s in summaries)

    rows = [
        ("datasets", ", ".join(sources)),
        ("documents", str(total("documents"))),
        ("sentences", str(total("sentences"))),
        ("events", str(events.height)),
        ("rejected records", str(len(rejects))),
    ]
    if events.height:
        first, last = events["event_date"].min(), events["event_date"].max()
        rows.append(("event dates", f"{first!s} to {last!s}"))
    books = sorted(
        {
            f"{s.get('codebook_name')} {s.get('codebook_version')} ({str(s.get('codebook_hash'))[:12]})"
            for s in summaries
        }
    )
    if books:
        rows.append(("codebook", "; ".join(books)))
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return _section("Overview", "overview", f"<table>{body}</table>")


def _over_time(events: pl.DataFrame) -> str:
    if events.height == 0:
        return _empty("events")
    import matplotlib.pyplot as plt

    first, last = events["event_date"].min(), events["event_date"].max()
    assert isinstance(first, dt.date) and isinstance(last, dt.date)
    span = (last - first).days
    every, label = (
        ("1d", "day") if span <= 92 else ("1w", "week") if span <= 730 else ("1mo", "month")
    )
    counts = (
        events.with_columns(period=pl.col("event_date").dt.truncate(every))
        .group_by("period", "quad_class")
        .len()
        .pivot(on="quad_class", index="period", values="len")
        .fill_null(0)
        .sort("period")
    )
    fig, ax = plt.subplots(figsize=(9, 3.2))
    bottom = [0] * counts.height
    for q in range(1, 5):
        values = counts[str(q)].to_list() if str(q) in counts.columns else [0] * counts.height
        ax.bar(
            counts["period"].to_list(),
            values,
            bottom=bottom,
            width=_bar_width(every),
            color=QUAD_COLOURS[q - 1],
            label=f"{q} {QUAD_LABELS[q - 1]}",
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel(f"events per {label}")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.autofmt_xdate()
    return _svg(fig, "over-time")


def _bar_width(every: str) -> float:
    return {"1d": 0.8, "1w": 5.0, "1mo": 25.0}[every]


def _top(events: pl.DataFrame, column: str) -> list[tuple[str, int]]:
    if events.height == 0:
        return []
    counts = (
        events.filter(pl.col(column).is_not_null())
        .group_by(column)
        .len()
        .sort(["len", column], descending=[True, False])
        .head(TOP)
    )
    return [(str(k), int(n)) for k, n in counts.iter_rows()]


def _top_dyads(events: pl.DataFrame) -> list[tuple[str, int]]:
    if events.height == 0:
        return []
    dyads = events.filter(pl.col("source_code").is_not_null() & pl.col("target_code").is_not_null())
    dyads = dyads.with_columns(dyad=pl.col("source_code") + " → " + pl.col("target_code"))
    return _top(dyads, "dyad")


def _top_codes(events: pl.DataFrame) -> list[tuple[str, int]]:
    if events.height == 0:
        return []
    label = pl.col("event_label") if "event_label" in events.columns else pl.lit("")
    coded = events.with_columns(code=pl.col("event_code") + " " + label.fill_null(""))
    return _top(coded, "code")


def _top_countries(events: pl.DataFrame) -> list[tuple[str, int]]:
    countries: Counter[str] = Counter()
    for source, target in events.select("source_country", "target_country").iter_rows():
        for country in {source, target} - {None}:
            countries[country] += 1
    return sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]


def _bars(items: list[tuple[str, int]]) -> str:
    if not items:
        return _empty("events")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    labels = [k if len(k) <= 60 else k[:57] + "..." for k, _ in items][::-1]
    values = [n for _, n in items][::-1]
    fig, ax = plt.subplots(figsize=(9, 0.28 * len(items) + 0.6))
    ax.barh(range(len(items)), values, color=BAR_COLOUR)
    ax.set_yticks(range(len(items)), labels)
    for y, v in enumerate(values):
        ax.text(v, y, f" {v}", va="center", fontsize=8)
    ax.set_xlabel("events")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _svg(fig, "bars")


def _reason_kind(reason: str) -> str:
    """Return the reason without its specifics: the text before the first quote, colon or bracket."""
    for stop in (" (", ": ", " '", ' "'):
        cut = reason.find(stop)
        if cut > 0:
            reason = reason[:cut]
    return reason


def _rejects(rejects: list[dict[str, Any]]) -> str:
    if not rejects:
        return _section("Rejected records", "rejects", _empty("rejected records"))
    kinds = Counter(_reason_kind(str(r.get("reason", ""))) for r in rejects)
    chart = _bars(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP])
    rows = "".join(
        f"<tr><td>{html.escape(str(r.get('file')))}</td><td class=n>{r.get('line') or ''}</td>"
        f"<td>{html.escape(str(r.get('doc_id') or ''))}</td><td>{html.escape(str(r.get('reason')))}</td></tr>"
        for r in rejects[:50]
    )
    more = f"<p>... and {len(rejects) - 50} more in rejects.jsonl</p>" if len(rejects) > 50 else ""
    table = f"<table><tr><th>file</th><th>line</th><th>doc_id</th><th>reason</th></tr>{rows}</table>{more}"
    return _section("Rejected records and their reasons", "rejects", chart + table)
