"""Settings for every test run: learners' progress goes to a throw-away file, not the lessons'."""

import os
import tempfile

# Notebook kernels (nbval) and the code under test inherit this: a test run never writes
# course-progress.json beside the committed lessons.
os.environ["NEURON_LIB_PROGRESS"] = os.path.join(
    tempfile.mkdtemp(prefix="neuron-lib-progress-"), "course-progress.json")
