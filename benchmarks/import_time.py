"""How much time `import neuron_lib` adds over `import numpy` (target: at most 100 ms).

Each import runs in a fresh interpreter, alternating, 15 times; medians are compared.
Also checks that importing neuron_lib loads none of matplotlib, ipywidgets, IPython and
scikit-learn (the drawing modules and load_digits import them when used).

    python benchmarks/import_time.py
"""

import statistics
import subprocess
import sys
import time

RUNS = 15


def seconds_to_run(code):
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main():
    numpy_only, with_library = [], []
    for _ in range(RUNS):
        numpy_only.append(seconds_to_run("import numpy"))
        with_library.append(seconds_to_run("import numpy, neuron_lib"))
    base, full = statistics.median(numpy_only), statistics.median(with_library)
    heavy = "{'matplotlib', 'ipywidgets', 'IPython', 'sklearn'}"
    code = f"import sys, neuron_lib; print(sorted({{m.split('.')[0] for m in sys.modules}} & {heavy}))"
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True).stdout.strip()
    print(f"python -c 'import numpy':             median {base * 1000:6.1f} ms over {RUNS} runs")
    print(f"python -c 'import numpy, neuron_lib': median {full * 1000:6.1f} ms")
    print(f"neuron_lib adds {max(full - base, 0) * 1000:.1f} ms (target: at most 100 ms)")
    print(f"heavy modules loaded by `import neuron_lib`: {loaded} (target: [])")


if __name__ == "__main__":
    main()
