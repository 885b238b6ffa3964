"""Settings for every test run: learners' progress goes to a throw-away file, not the lessons'."""

import os
import tempfile

# Notebook kernels (nbval) and the code under test inherit this: a test run never writes
# course-progress.json beside the committed lessons.
os.environ["NEURON_LIB_PROGRESS"] = os.path.join(
    tempfile.mkdtemp(prefix="neuron-lib-progress-"), "course-progress.json")


def pytest_collection_modifyitems(session, config, items):
    """Run the browser and hub tests last, after the unit tests and the notebooks.

    Their session-wide Playwright driver keeps an asyncio event loop in the main thread
    until the session ends; unit tests that ask whether an event loop is running (the demos'
    coalescing of slider moves) must not see it.
    """
    def in_browser(item):
        path = item.nodeid.replace("\\", "/")
        return path.startswith(("tests/e2e/", "tests/hub/"))

    items[:] = [item for item in items if not in_browser(item)] + [
        item for item in items if in_browser(item)]
