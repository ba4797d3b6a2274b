"""The command line: each command parses its arguments and calls one public function."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .aggregate import PANELS
from .codebook import load_codebook
from .errors import CodebookError, EventcodesError, InputError
from .explain import explain
from .export import EXPORT_FORMATS
from .fixtures import load_cases
from .pubdates import DATE_ORDERS
from .regression import load_baseline, render, run_cases
from .run import code_corpus
from .views import load_views


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _codebook_option(parser: argparse.ArgumentParser) -> None:
    """Declare --codebook, the same for every command that codes."""
    parser.add_argument(
        "--codebook",
        metavar="DIR",
        help="codebook directory (default: codebooks/default in a clone, else the installed one)",
    )


def _json_option(parser: argparse.ArgumentParser, what: str) -> None:
    """Declare --json [FILE], the same for every command: the result as JSON, to FILE (the text
    report still printed) or, with no FILE or '-', to standard output instead of the text."""
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help=f"write {what} as JSON to FILE, or to standard output instead of the text "
        "when FILE is left out or is -",
    )


def _report(args: argparse.Namespace, data: object, text: str) -> None:
    """Print the text report, or the JSON, as --json says."""
    if args.json == "-":
        print(json.dumps(data, indent=1, ensure_ascii=False))
        return
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(text)


def cmd_code(args: argparse.Namespace) -> int:
    summary = code_corpus(
        [Path(p) for p in args.inputs],
        Path(args.output),
        codebook_path=Path(args.codebook) if args.codebook else None,
        jobs=args.jobs,
        default_date=args.date,
        strict=args.strict,
        progress=False if args.quiet else None,
        date_order=args.date_order,
        sentence_text=args.sentence_text,
        one_a_day=args.one_a_day,
        formats=args.format or (),
        resume=args.resume,
    )
    if not args.quiet:
        if summary.resumed_documents:
            print(f"resumed: {summary.resumed_documents} documents were already coded")
        print(
            f"coded {summary.documents} documents, {summary.sentences} sentences: {summary.events} events, "
            f"{summary.rejects} rejected{' (see rejects.jsonl)' if summary.rejects else ''}; "
            f"wrote {args.output} in {summary.seconds:.2f} s"
        )
    return 0


def _codes(value: str) -> list[str]:
    codes = [c.strip() for c in value.split(",") if c.strip()]
    if not codes or not all(c.isdigit() and len(c) <= 4 for c in codes):
        raise argparse.ArgumentTypeError(f"{value!r} is not a list of CAMEO codes such as 14,19")
    return codes


def _quads(value: str) -> list[int]:
    quads = [q.strip() for q in value.split(",") if q.strip()]
    if not quads or not all(q in ("1", "2", "3", "4") for q in quads):
        raise argparse.ArgumentTypeError(f"{value!r} is not a list of quad classes such as 3,4")
    return [int(q) for q in quads]


def cmd_aggregate(args: argparse.Namespace) -> int:
    from .aggregate import aggregate_files

    result = aggregate_files(
        [Path(p) for p in args.events],
        Path(args.output),
        args.by,
        codes=args.codes,
        quads=args.quad,
        start=getattr(args, "from"),
        end=args.to,
        complete=args.complete,
        units=args.units.split(",") if args.units else None,
    )
    print(f"wrote a {args.by} panel of {result.rows} rows to {args.output}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    print(f"wrote {export(Path(args.directory), args.format)}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    path = write_report(
        [Path(p) for p in args.directories], Path(args.output) if args.output else None
    )
    print(f"wrote {path}")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    codebook = load_codebook(Path(args.codebook) if args.codebook else None)
    text = sys.stdin.read() if args.text == "-" else args.text
    result = explain(text, args.date or dt.date.today(), codebook)
    _report(args, result.as_dict(), result.render())
    return 0


def cmd_check_codebook(args: argparse.Namespace) -> int:
    from .audit import audit, default_fixture_paths, render_audit, render_errors

    try:
        codebook = load_codebook(Path(args.directory) if args.directory else None)
        load_views(codebook)  # the [views] tables too: every problem as path:line: message
    except CodebookError as error:
        print(render_errors(error))
        return error.exit_code
    paths = [Path(p) for p in args.fixtures] if args.fixtures else default_fixture_paths()
    result = audit(codebook, load_cases(paths) if paths else None)
    named = " ".join(str(p) for p in paths)
    print(render_audit(result, named, coverage=args.coverage, verbose=args.verbose))
    return 1 if args.strict and result.warnings else 0


def cmd_test_codebook(args: argparse.Namespace) -> int:
    codebook = load_codebook(Path(args.codebook) if args.codebook else None)
    paths = [Path(p) for p in args.fixtures] or [Path("fixtures/regression")]
    result = run_cases(load_cases(paths), codebook)
    baseline = load_baseline(Path(args.baseline)) if args.baseline else None
    _report(args, result.as_dict(), render(result, baseline, traces=not args.no_trace))
    return 0 if result.ok else 1


def cmd_import_dictionaries(args: argparse.Namespace) -> int:
    from .importer import import_dictionaries

    result = import_dictionaries(
        Path(args.verbs),
        [Path(a) for a in args.actors],
        Path(args.output),
        agents=Path(args.agents) if args.agents else None,
        discards=Path(args.discards) if args.discards else None,
        issues=Path(args.issues) if args.issues else None,
    )
    print(result.render(notes=args.notes))
    if not args.notes and any(not f.rejected for f in result.findings):
        print(f"(notes are in {Path(args.output) / 'import.log'}; --notes prints them here)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the eventcodes command."""
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="eventcodes",
        description="Code news text into CAMEO source-action-target event data.",
        epilog="example: eventcodes code fixtures/sample/articles.jsonl -o output/sample",
        formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"eventcodes {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks of errors"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "code",
        help="code documents into an event dataset",
        description="Code documents (JSONL, CSV, Parquet, .txt, directories, .gz) into "
        "events.parquet, events.csv, datapackage.json and summary.json in OUTDIR. The new dataset "
        "replaces the one in OUTDIR in one step when the run has finished; an interrupted run "
        "continues from its last checkpoint with --resume.",
        epilog="example: eventcodes code fixtures/sample -o output/sample --jobs 2\n"
        "         eventcodes code news/ -o output/news --resume",
        formatter_class=fmt,
        parents=[common],
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or directories of documents")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output directory")
    _codebook_option(p)
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="publication date for .txt inputs"
    )
    p.add_argument("--strict", action="store_true", help="fail on the first rejected record")
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run into OUTDIR from its last checkpoint",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary line")
    p.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help="order of day, month and year in numeric publication dates such as 04/11/2024",
    )
    p.add_argument(
        "--sentence-text", action="store_true", help="add each event's sentence (sentence_text)"
    )
    p.add_argument(
        "--one-a-day",
        action="store_true",
        help="keep one event per date, source, target and code across documents, with "
        "num_mentions, num_documents and num_sources",
    )
    p.add_argument(
        "--format",
        action="append",
        choices=EXPORT_FORMATS,
        help="also write a view for other tools: gdelt writes events.gdelt.tsv (GDELT 1.0 layout)",
    )
    p.set_defaults(func=cmd_code)

    p = sub.add_parser(
        "aggregate",
        help="analysis panels: events per country or dyad and day, week or month",
        description="Count events per country or dyad and period (per quad class and root, Goldstein "
        "sum and mean, distinct documents) and write panel.parquet, panel.csv, datapackage.json and "
        "load_panel.R to OUTDIR. EVENTS are events.parquet files or output directories of "
        "eventcodes code.",
        epilog="example: eventcodes aggregate output/sample --by dyad-month --quad 3,4 --complete "
        "-o output/sample/panels/dyad-month",
        formatter_class=fmt,
        parents=[common],
    )
    p.add_argument(
        "events", nargs="+", metavar="EVENTS", help="events.parquet files or output directories"
    )
    p.add_argument("--by", required=True, choices=list(PANELS), help="unit and period of the panel")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output directory")
    p.add_argument(
        "--codes", type=_codes, metavar="CODES", help="only these CAMEO codes or roots, e.g. 14,19"
    )
    p.add_argument("--quad", type=_quads, metavar="Q", help="only these quad classes, e.g. 3,4")
    p.add_argument("--from", type=_date, metavar="YYYY-MM-DD", help="first event date")
    p.add_argument("--to", type=_date, metavar="YYYY-MM-DD", help="last event date")
    p.add_argument(
        "--complete",
        action="store_true",
        help="add zero rows for every period of the range and every country or dyad seen (or given)",
    )
    p.add_argument(
        "--units",
        metavar="LIST",
        help="only these countries (KOR,PRK) or dyads (KOR-PRK,USA-RUS); with --complete, all of them",
    )
    p.set_defaults(func=cmd_aggregate)

    p = sub.add_parser(
        "export",
        help="write a view of a dataset for other tools (GDELT 1.0 layout)",
        description="Write a view of the dataset in DIR: --format gdelt writes events.gdelt.tsv, the 58 "
        "tab-separated columns of a GDELT 1.0 event file without a header.",
        epilog="example: eventcodes export output/sample --format gdelt",
        formatter_class=fmt,
        parents=[common],
    )
    p.add_argument("directory", metavar="DIR", help="an output directory of eventcodes code")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the view to write")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "report",
        help="write a self-contained HTML report of a dataset",
        description="Write report.html: the run's figures, events over time by quad class, top dyads, "
        "codes and countries, the rules that fired most, and the rejects with their reasons. Charts "
        "are embedded SVG; the file opens with no network.",
        epilog="example: eventcodes report output/sample",
        formatter_class=fmt,
        parents=[common],
    )
    p.add_argument(
        "directories", nargs="+", metavar="OUTDIR", help="output directories of eventcodes code"
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="the report file (default OUTDIR/report.html)"
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "explain",
        help="show step by step how a text is coded",
        description="Show the sentences, each actor with its span and code, the verb patterns that "
        "matched, the roles, the date expressions and the events of one text ('-' reads stdin).",
        epilog='example: eventcodes explain "South Korea condemned North Korea on Monday." --date 2024-11-04',
        formatter_class=fmt,
        parents=[common],
    )
    p.add_argument("text", help="the text to code, or - to read it from standard input")
    p.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="publication date (default today)"
    )
    _codebook_option(p)
    _json_option(p, "the trace")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser(
        "check-codebook",
        help="validate a codebook and report every problem",
        description="Load and validate a codebook; every error is printed as path:line: message, "
        "then their count (exit 2). A codebook without errors is then audited: the count of "
        "warnings, then each as path:line: warning: message: patterns that can never win and "
        "people whose terms in one office overlap; patterns and verbs no fixture case exercises "
        "are counted by table (each with --verbose). Exit 0, or 1 with --strict.",
        epilog="example: eventcodes check-codebook codebooks/default --coverage\n"
        "         eventcodes check-codebook my-codebook --fixtures my-fixtures --strict",
        formatter_class=fmt,
        parents=[common],
    )
    p.add_argument(
        "directory", nargs="?", metavar="DIR", help="codebook directory (default: the bundled one)"
    )
    p.add_argument(
        "--fixtures",
        nargs="+",
        metavar="PATH",
        help="fixture files or directories (default: fixtures/regression when it exists here)",
    )
    p.add_argument(
        "--coverage",
        action="store_true",
        help="list every CAMEO code with its numbers of patterns, verb defaults and fixture cases",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    p.add_argument(
        "--verbose",
        action="store_true",
        help="list each rule no fixture exercises, and actor and agent rows in no fixture case",
    )
    p.set_defaults(func=cmd_check_codebook)

    p = sub.add_parser(
        "test-codebook",
        help="run the regression fixtures: precision, recall, F1 and every mismatch",
        description="Code every fixture case (JSONL: id, category, text, date, events) and print precision, "
        "recall and F1 overall, per category and per CAMEO root, then every mismatch with its explain trace. "
        "Exits 1 on any failure not marked known_failure.",
        epilog="example: eventcodes test-codebook fixtures/regression --json before.json\n"
        "         eventcodes test-codebook --codebook my-codebook --baseline before.json",
        formatter_class=fmt,
        parents=[common],
    )
    p.add_argument(
        "fixtures",
        nargs="*",
        metavar="FIXTURES",
        help="fixture files or directories (default fixtures/regression)",
    )
    _codebook_option(p)
    p.add_argument(
        "--baseline",
        metavar="FILE",
        help="a saved --json result: list what newly broke and what newly passes",
    )
    _json_option(p, "the result (for machines, or as a later --baseline)")
    p.add_argument(
        "--no-trace", action="store_true", help="do not print the explain trace of each mismatch"
    )
    p.set_defaults(func=cmd_test_codebook)

    p = sub.add_parser(
        "import-dictionaries",
        help="convert PETRARCH/TABARI dictionaries into a codebook",
        description="Convert PETRARCH-1/TABARI dictionaries (verbs, actors, agents, discards, issues; "
        "--verbs also takes the PETRARCH-2 verb dictionary) into a codebook directory. Prints how many "
        "lines of each kind were read and every line not interpreted (or skipped as PETRARCH-1 skips "
        "it) as file:line: reason; all findings are also written to DIR/import.log.",
        epilog="example: eventcodes import-dictionaries --verbs CAMEO.verbpatterns.txt "
        "--actors Countries.actors.txt Intl.actors.txt --agents agents.txt -o my-import",
        formatter_class=fmt,
        parents=[common],
    )
    p.add_argument("--verbs", required=True, metavar="F", help="verb dictionary")
    p.add_argument("--actors", required=True, nargs="+", metavar="F", help="actor dictionaries")
    p.add_argument("--agents", metavar="F", help="agent dictionary")
    p.add_argument("--discards", metavar="F", help="discard list")
    p.add_argument("--issues", metavar="F", help="issue dictionary")
    p.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="codebook directory to write"
    )
    p.add_argument(
        "--notes", action="store_true", help="also print the notes (duplicates, redefinitions)"
    )
    p.set_defaults(func=cmd_import_dictionaries)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        code: int = args.func(args)
        return code
    except EventcodesError as error:
        if args.debug:
            traceback.print_exc()
        print(f"eventcodes: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        more = ""
        if args.command == "code":
            more = " (the output directory is as it was; add --resume to continue the run)"
        print(f"eventcodes: interrupted; nothing was written{more}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a pager or head that closed early
        sys.stderr.close()
        return 0
    except OSError as error:
        if args.debug:
            traceback.print_exc()
        where = f"{error.filename}: " if error.filename else ""
        print(
            f"eventcodes: error: {where}{error.strerror or error} (check that the path exists and "
            "that you may read or write it; --debug shows where it happened)",
            file=sys.stderr,
        )
        return InputError.exit_code
    except Exception as error:  # a bug: say so in one line, and how to see more
        if args.debug:
            raise
        print(
            f"eventcodes: internal error: {type(error).__name__}: {error} (run again with --debug for the "
            "traceback and report it)",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
