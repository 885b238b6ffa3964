"""load_csv on a large file: peak memory and time per 100 MB, against numpy.loadtxt and the
csv module, in the same run.

Writes a CSV like spam7's (6 numeric columns and a spam/ham label, 3 decimals) of the size
asked, then loads it in a fresh Python process per reader, so that each peak resident memory
(ru_maxrss) is its own. "Above start" is the peak minus the process's memory after
importing numpy and neuron_lib, i.e. what the loading itself took. Memory is read from
/proc/self/status (VmHWM, VmRSS): Linux only. (ru_maxrss would not do: Linux keeps it
across exec, so a child would report the parent's peak.)

Target: load_csv's peak above start at most about 1.5 times the file's size (the review
measured 15 times: 2.9 GB for 200 MB, 68 s); a Binder pod has 2 GB.

    python benchmarks/load_csv.py            # a 100 MB file
    python benchmarks/load_csv.py --mb 200
"""

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap

import numpy as np

READERS = {
    "neuron_lib.load_csv": """
        from neuron_lib.datasets import load_csv
        X, y, _ = load_csv(PATH, label="label")
    """,
    "numpy.loadtxt (features only)": """
        X = np.loadtxt(PATH, delimiter=",", skiprows=1, usecols=range(6))
    """,
    "csv module, rows then np.array": """
        import csv
        with open(PATH, newline="") as file:
            rows = list(csv.reader(file))[1:]
        X = np.array([row[:6] for row in rows], dtype=np.float64)
        y = np.array([row[6] == "spam" for row in rows])
    """,
}

CHILD = """
import time
import numpy as np
import neuron_lib

def memory_kb(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))

PATH = {path!r}
start_kb = memory_kb("VmRSS:")
started = time.perf_counter()
{code}
seconds = time.perf_counter() - started
print(seconds, start_kb, memory_kb("VmHWM:"), X.shape[0])
"""


def write_file(path, megabytes, rng):
    """About `megabytes` MB of rows "f1,...,f6,label"; returns the number of rows."""
    rows = 0
    with open(path, "w") as file:
        file.write("crl.tot,dollar,bang,money,n000,make,label\n")
        while file.tell() < megabytes * 1e6:
            block = rng.exponential(1.0, size=(100_000, 6)).round(3)
            labels = np.where(rng.uniform(size=100_000) < 0.4, "spam", "ham")
            lines = [",".join(map(str, values)) + "," + label
                     for values, label in zip(block.tolist(), labels.tolist(), strict=True)]
            file.write("\n".join(lines) + "\n")
            rows += len(lines)
    return rows


def measure(code, path):
    script = CHILD.format(path=path, code=textwrap.dedent(code))
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout.split()
    seconds, start_kb, peak_kb, n_rows = float(output[0]), *map(int, output[1:])
    return seconds, start_kb * 1024, peak_kb * 1024, n_rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="file size in MB")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.csv")
        n_rows = write_file(path, arguments.mb, np.random.default_rng(0))
        size = os.path.getsize(path)
        print(f"File: {size / 1e6:.0f} MB, {n_rows:,} rows x 6 features + a label; its "
              f"features as float64: {n_rows * 6 * 8 / 1e6:.0f} MB.")
        print(f"{'reader':<32} {'s / 100 MB':>11} {'peak MB':>9} {'above start':>12} "
              f"{'x file':>7}")
        for name, code in READERS.items():
            seconds, start, peak, loaded = measure(code, path)
            assert loaded == n_rows, (name, loaded)
            per_100 = 100e6 / size
            print(f"{name:<32} {seconds * per_100:>11.1f} {peak / 1e6:>9.0f} "
                  f"{(peak - start) / 1e6:>12.0f} {(peak - start) / size:>7.2f}")


if __name__ == "__main__":
    main()
