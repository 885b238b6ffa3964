#!/usr/bin/env python3
"""Re-execute the course's notebooks in place, each top to bottom in a fresh kernel.

    .venv/bin/python tools/run_notebooks.py                 # every notebook under notebooks/
    .venv/bin/python tools/run_notebooks.py notebooks/01_single_neuron.ipynb

Run it after editing a lesson or neuron_lib, then commit the notebooks with their outputs:
`pytest --nbval` compares a fresh run against what is committed.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def notebooks(arguments):
    if arguments:
        return [Path(argument).resolve() for argument in arguments]
    return sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def main(arguments):
    # The committed outputs show a learner who has not started: a fresh, empty progress
    # file for each notebook, never the progress of whoever runs this.
    progress = tempfile.mkdtemp(prefix="neuron-lib-progress-")
    for number, notebook in enumerate(notebooks(arguments)):
        environment = {**os.environ,
                       "NEURON_LIB_PROGRESS": os.path.join(progress, f"{number}.json")}
        print(f"executing {notebook.relative_to(ROOT)}", flush=True)
        # Run from the notebook's folder, as JupyterLab does, so relative paths behave alike.
        subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
             "--inplace", "--log-level=WARN",
             # Widget state would only bloat the file: it is stale once a kernel runs.
             "--NotebookClient.store_widget_state=False", notebook.name],
            check=True, cwd=notebook.parent, env=environment,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
