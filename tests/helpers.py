"""Helpers shared by the unit tests (imported as `helpers`: pytest puts tests/ on sys.path)."""

import contextlib
import warnings

import numpy as np


@contextlib.contextmanager
def no_floating_point_warnings():
    """Fail if the block emits any warning or any numpy overflow / invalid / divide error.

    pyproject already turns warnings into errors; this makes each test say so itself,
    so that it still fails when run with other warning settings.
    """
    with warnings.catch_warnings(record=True) as caught, np.errstate(
        over="raise", invalid="raise", divide="raise"
    ):
        warnings.simplefilter("always")
        yield
    assert not caught, [str(w.message) for w in caught]
