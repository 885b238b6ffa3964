"""Settings for every test run: learners' progress goes to a throw-away file, not the lessons'."""

import os
import sys
import tempfile
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run, shared by the browser and the hub tests.

    Defined here, once: Playwright's sync API refuses to start a second driver while the
    first one's event loop is alive, so each test folder having its own session fixture
    broke whichever came second.
    """
    sys.path.insert(0, str(Path(__file__).parent / "tests" / "e2e"))
    import lab_driver

    with lab_driver.chromium() as chromium:
        yield chromium
