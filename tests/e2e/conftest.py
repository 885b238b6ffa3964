"""Fixtures of the browser tests; the machinery lives in lab_driver.py."""

from lab_driver import lab, page, pytest_collection_modifyitems  # noqa: F401
