"""Tests for neuron_lib.toy_data: XOR, moons and circles."""

import numpy as np
import pytest

from neuron_lib.toy_data import make_circles, make_moons, make_xor


@pytest.mark.parametrize("make", [make_xor, make_moons, make_circles])
def test_shapes_balance_and_reproducibility(make):
    X, y = make(101, rng=0)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype == np.int64 and set(y.tolist()) == {0, 1}
    assert abs(int(y.sum()) - 50) <= 1
    X_again, y_again = make(101, rng=0)
    np.testing.assert_array_equal(X, X_again)
    np.testing.assert_array_equal(y, y_again)
    assert not np.array_equal(make(101, rng=1)[0], X)
    assert y[:50].sum() not in (0, 50)  # shuffled, not one class after the other


def test_xor_labels_are_xor_of_the_corner_bits():
    X, y = make_xor(400, noise=0.1, rng=2)
    corner = np.round(X).clip(0, 1)  # noise 0.1: every point rounds to its corner
    np.testing.assert_array_equal(y, np.logical_xor(corner[:, 0], corner[:, 1]))
    assert np.bincount(y).tolist() == [200, 200]


def test_moons_and_circles_match_scikit_learns_geometry_without_noise():
    datasets = pytest.importorskip("sklearn.datasets")
    for ours, theirs in ((make_moons(50, noise=0.0, rng=0),
                          datasets.make_moons(50, noise=0.0, shuffle=False)),
                         (make_circles(50, noise=0.0, rng=0),
                          datasets.make_circles(50, noise=0.0, factor=0.5, shuffle=False))):
        for label in (0, 1):  # the same set of points per class (ours are shuffled)
            mine = ours[0][ours[1] == label]
            reference = theirs[0][theirs[1] == label]
            np.testing.assert_allclose(np.sort(mine, axis=0), np.sort(reference, axis=0),
                                       atol=1e-12)


def test_circles_radii():
    X, y = make_circles(200, noise=0.0, factor=0.3, rng=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: make_xor(3), ValueError, r"n_samples must be at least 4, one per corner, got 3"),
    (lambda: make_moons(1), ValueError, r"n_samples must be at least 2"),
    (lambda: make_moons(10.0), TypeError, r"n_samples must be a positive integer"),
    (lambda: make_circles(10, noise=-0.1), ValueError, (r"noise \(a standard deviation\) must "
                                                       r"be 0 or more")),
    (lambda: make_circles(10, factor=1.5), ValueError, (r"factor \(the inner radius\) must be "
                                                       r"between 0 and 1")),
    (lambda: make_xor(8, rng="x"), TypeError, r"rng must be None, an int seed"),
])
def test_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()
