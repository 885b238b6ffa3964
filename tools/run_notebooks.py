#!/usr/bin/env python3
"""Re-execute the course's notebooks in place, each top to bottom in a fresh kernel.

    .venv/bin/python tools/run_notebooks.py                 # every notebook under notebooks/
    .venv/bin/python tools/run_notebooks.py notebooks/01_single_neuron.ipynb

Run it after editing a lesson or neuron_lib, then commit the notebooks with their outputs:
`pytest --nbval` compares a fresh run against what is committed.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def notebooks(arguments):
    if arguments:
        return [Path(argument).resolve() for argument in arguments]
    return sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def main(arguments):
    for notebook in notebooks(arguments):
        print(f"executing {notebook.relative_to(ROOT)}", flush=True)
        # Run from the notebook's folder, as JupyterLab does, so relative paths behave alike.
        subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
             "--inplace", "--log-level=WARN",
             # Widget state would only bloat the file: it is stale once a kernel runs.
             "--NotebookClient.store_widget_state=False", notebook.name],
            check=True, cwd=notebook.parent,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
