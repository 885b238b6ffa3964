"""Fixtures of the hub test; the machinery lives in hub_driver.py.

Without Chromium, configurable-http-proxy, git or the Python of binder/runtime.txt the test
skips, saying what to install, except in CI (`CI=true`), where a missing piece fails it.
"""

import atexit
import os

import hub_driver
import pytest


def require_everything():
    missing = hub_driver.missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the hub test, but {missing}.", pytrace=False)
        pytest.skip(missing)


@pytest.fixture(scope="module")
def course():
    """This repository's HEAD, served by git as the README's repository."""
    require_everything()
    served = hub_driver.ServedCourse(hub_driver.course_name())
    yield served
    served.remove()


@pytest.fixture(scope="module")
def hub(course):
    environment = hub_driver.singleuser_environment()
    server = hub_driver.Hub(environment, hub_driver.find_proxy(), course.path.name)
    atexit.register(server.stop)  # should pytest itself be stopped before its teardown
    yield server
    alive = server.stop()
    assert not alive, f"processes the hub started still run: {alive}"
