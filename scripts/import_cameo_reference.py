"""Write codebooks/default/event_codes.csv from the merged CAMEO reference table (run once, by hand).

The reference table (``cameo_event_codes.tsv``) merges GDELT's two lookup files with chapter 6 of
the CAMEO 1.1b3 manual. This script keeps every code it lists and chooses, for each one:

- the name: the CAMEO 1.1b3 manual's, else GDELT's label (with its one mojibake label repaired);
  a manual name that was cut short in transcription (it is a strict prefix of GDELT's label) is
  replaced by GDELT's label;
- the Goldstein value: GDELT's, else the nearest ancestor's (a few newer codes have none);
- the quad class: from the root (01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4), compared with
  GDELT's QuadClass column.

Usage: python scripts/import_cameo_reference.py [REFERENCE_DIR_OR_TSV] [--out CSV]
The reference directory defaults to ../shared/reference next to the repository. Neither
``make dataset`` nor ``make test`` runs this script: its output is committed.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventcodes.errors import InputError

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "codebooks" / "default" / "event_codes.csv"
TSV_NAME = "cameo_event_codes.tsv"
COLUMNS = ("code", "name", "goldstein", "quad_class")
REQUIRED_TSV_COLUMNS = (
    "code",
    "level",
    "root",
    "base",
    "gdelt_description",
    "cameo_1_1b3_name",
    "goldstein_gdelt",
    "quadclass_gdelt",
)

# GDELT's CAMEO.eventcodes.txt stores the curly quotes of this label in Mac Roman read as
# Latin-1, and lost the letter and space next to them. Repairs are keyed by code and by the
# exact bad text, so a changed reference file is noticed instead of silently mis-repaired.
MOJIBAKE_REPAIRS: dict[str, tuple[str, str]] = {
    "044": ("Meet at a \u00d2hird\u00d3location", 'Meet at a "third" location'),
}

CODE_RE = re.compile(r"^[0-9]{2,4}$")


@dataclass(frozen=True)
class EventCodeRow:
    """One output row of event_codes.csv."""

    code: str
    name: str
    goldstein: str
    quad_class: int


@dataclass
class ImportReport:
    """What the import did: rows written and every choice that departed from the plain rule."""

    rows: list[EventCodeRow] = field(default_factory=list)
    inherited_goldstein: dict[str, str] = field(default_factory=dict)  # code -> ancestor code
    truncated_names: list[str] = field(default_factory=list)
    gdelt_names: list[str] = field(default_factory=list)
    repaired_labels: list[str] = field(default_factory=list)
    quad_disagreements: list[str] = field(default_factory=list)


def quad_class_for_root(root: str) -> int:
    """Return the quad class of a two-digit CAMEO root (GDELT's split of the twenty roots)."""
    number = int(root)
    if not 1 <= number <= 20:
        raise InputError(f"CAMEO root {root!r} is not 01-20; check the code column of the table")
    if number <= 5:
        return 1
    if number <= 9:
        return 2
    if number <= 14:
        return 3
    return 4


def parent_code(code: str) -> str | None:
    """Return the code one level up (``1951`` -> ``195``, ``155`` -> ``15``), None for a root."""
    if len(code) == 2:
        return None
    return code[:3] if len(code) == 4 else code[:2]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _repair_label(code: str, label: str, report: ImportReport) -> str:
    repair = MOJIBAKE_REPAIRS.get(code)
    if repair is not None and label == repair[0]:
        report.repaired_labels.append(code)
        return repair[1]
    return label


def choose_name(code: str, manual: str, gdelt: str, report: ImportReport) -> str:
    """Return the name to keep: GDELT's label (what GDELT-compatible data means by the code,
    e.g. 106 "Demand withdrawal"), else the manual's name."""
    manual, gdelt = _squash(manual), _squash(_repair_label(code, gdelt, report))
    if gdelt:
        if gdelt != manual:
            report.gdelt_names.append(code)
        return gdelt
    if not manual:
        report.gdelt_names.append(code)
        return gdelt
    stem = manual.rstrip(",")
    if (
        gdelt != manual
        and gdelt.startswith(stem)
        and gdelt[len(stem) : len(stem) + 1] in (" ", ",")
    ):
        report.truncated_names.append(code)
        return gdelt
    return manual


def _read_tsv(tsv_path: Path) -> list[dict[str, str]]:
    try:
        with tsv_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = [c for c in REQUIRED_TSV_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"{tsv_path}: missing column(s) {', '.join(missing)}; "
                    f"give the merged {TSV_NAME} from the reference directory"
                )
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except FileNotFoundError as exc:
        raise InputError(
            f"{tsv_path} does not exist; give the reference directory or {TSV_NAME} as the argument"
        ) from exc


def convert(tsv_path: Path) -> ImportReport:
    """Return the event-code rows built from the reference table, with what was repaired."""
    source = _read_tsv(tsv_path)
    report = ImportReport()
    by_code: dict[str, dict[str, str]] = {}
    for number, row in enumerate(source, start=2):
        code = row["code"]
        if not CODE_RE.match(code):
            raise InputError(f"{tsv_path}:{number}: code {code!r} is not 2-4 digits")
        if code in by_code:
            raise InputError(f"{tsv_path}:{number}: code {code} appears twice")
        by_code[code] = row

    for code in sorted(by_code):
        row = by_code[code]
        name = choose_name(code, row["cameo_1_1b3_name"], row["gdelt_description"], report)
        if not name or not name.isascii():
            raise InputError(
                f"{tsv_path}: code {code} has the name {name!r}; "
                "add a repair for it to MOJIBAKE_REPAIRS in this script"
            )
        goldstein, ancestor = row["goldstein_gdelt"], parent_code(code)
        while not goldstein and ancestor is not None:
            if ancestor not in by_code:
                raise InputError(f"{tsv_path}: code {code} has no parent row {ancestor}")
            goldstein = by_code[ancestor]["goldstein_gdelt"]
            if goldstein:
                report.inherited_goldstein[code] = ancestor
            else:
                ancestor = parent_code(ancestor)
        if not goldstein or not -10.0 <= float(goldstein) <= 10.0:
            raise InputError(f"{tsv_path}: code {code} has no usable Goldstein value")
        quad = quad_class_for_root(code[:2])
        gdelt_quad = row["quadclass_gdelt"]
        if gdelt_quad and int(gdelt_quad) != quad:
            report.quad_disagreements.append(f"{code}: root rule {quad}, GDELT {gdelt_quad}")
        report.rows.append(EventCodeRow(code, name, goldstein, quad))
    return report


def _comment_lines(report: ImportReport) -> list[str]:
    inherited = " ".join(f"{c} (from {p})" for c, p in sorted(report.inherited_goldstein.items()))
    lines = [
        "# CAMEO event codes. Generated once by scripts/import_cameo_reference.py from "
        f"{TSV_NAME} (GDELT lookup files merged with the CAMEO 1.1b3 manual); edit by hand "
        "from now on and review the diff",
        "# name: GDELT's label (the meaning GDELT-compatible data gives a code); it differs from "
        f"the CAMEO 1.1b3 manual's name for: {' '.join(report.gdelt_names) or 'none'}",
        f"# goldstein: GDELT's value; codes without one take their parent's: {inherited or 'none'}",
        "# quad_class: by root (01-05 1; 06-09 2; 10-14 3; 15-20 4); "
        f"disagreements with GDELT: {len(report.quad_disagreements)}",
    ]
    return [line.replace(",", ";").replace('"', "'") for line in lines]


def write_event_codes(report: ImportReport, out_path: Path) -> None:
    """Write the rows with their comment lines to ``out_path`` atomically."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".event_codes.", suffix=".csv", dir=out_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for line in _comment_lines(report):
                handle.write(line + "\n")
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            for row in report.rows:
                writer.writerow((row.code, row.name, row.goldstein, row.quad_class))
        # mkstemp creates the file readable by its owner only; keep the usual mode instead.
        os.chmod(tmp_name, out_path.stat().st_mode & 0o777 if out_path.exists() else 0o644)
        os.replace(tmp_name, out_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Return the exit status after importing the reference table into event_codes.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "reference",
        nargs="?",
        type=Path,
        default=DEFAULT_REFERENCE,
        help=f"the reference directory or its {TSV_NAME} (default: {DEFAULT_REFERENCE})",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the CSV to write")
    args = parser.parse_args(argv)
    tsv_path = args.reference / TSV_NAME if args.reference.is_dir() else args.reference
    try:
        report = convert(tsv_path)
        write_event_codes(report, args.out)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"wrote {len(report.rows)} event codes to {args.out}")
    print(f"  names from GDELT (none in the manual): {' '.join(report.gdelt_names) or 'none'}")
    print(f"  manual names cut short, GDELT label used: {' '.join(report.truncated_names)}")
    print(f"  mojibake labels repaired: {' '.join(report.repaired_labels) or 'none'}")
    for code, ancestor in sorted(report.inherited_goldstein.items()):
        print(f"  Goldstein of {code} taken from {ancestor}")
    print(f"  quad-class disagreements with GDELT: {len(report.quad_disagreements)}")
    for line in report.quad_disagreements:
        print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
