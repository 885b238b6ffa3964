"""Tests for softmax in neuron_lib.activations: stability, rows of probabilities, Jacobian."""

import numpy as np
import pytest
from helpers import no_floating_point_warnings
from scipy import special

from neuron_lib import (
    ACTIVATIONS,
    Dense,
    identity,
    identity_derivative,
    softmax,
    softmax_derivative,
)


def test_known_values():
    # e^[1, 2, 3] = [2.718281828, 7.389056099, 20.08553692]; sum 30.19287485
    # -> [0.09003057, 0.24472847, 0.66524096]
    np.testing.assert_allclose(softmax([1.0, 2.0, 3.0]),
                               [0.09003057317038046, 0.24472847105479767, 0.6652409557748219],
                               rtol=1e-14)
    assert softmax([0.0, 0.0]).tolist() == [0.5, 0.5]
    assert softmax(3.0) == 1.0 and type(softmax(3.0)) is float


@pytest.mark.parametrize("seed", range(5))
def test_matches_scipy_row_by_row(seed):
    z = np.random.default_rng(seed).normal(scale=5.0, size=(7, 4))
    np.testing.assert_allclose(softmax(z), special.softmax(z, axis=1), rtol=1e-14)
    np.testing.assert_allclose(softmax(z[0]), special.softmax(z[0]), rtol=1e-14)


@pytest.mark.parametrize("z", [[1000.0, 0.0, -1000.0], [-1000.0, -1000.0], [1e308, -1e308],
                               [709.0, 710.0, 711.0]])
def test_no_overflow_at_huge_scores_and_rows_sum_to_one(z):
    with no_floating_point_warnings():
        p = softmax(z)
    assert np.isfinite(p).all() and np.all(p >= 0)
    np.testing.assert_allclose(p.sum(), 1.0, rtol=1e-15)
    with np.errstate(over="ignore"):  # scipy's own softmax warns for [1e308, -1e308]
        expected = special.softmax(np.array(z))
    np.testing.assert_allclose(p, expected, rtol=1e-14, atol=1e-300)


def test_shift_invariance():
    z = np.array([[0.5, -1.0, 2.0], [3.0, 3.0, -7.0]])
    for shift in (-1000.0, -3.0, 0.0, 12.5, 1000.0):
        np.testing.assert_allclose(softmax(z + shift), softmax(z), rtol=1e-12)


def test_infinite_scores_take_all_the_probability():
    with no_floating_point_warnings():
        np.testing.assert_array_equal(softmax([np.inf, 0.0, -1.0]), [1.0, 0.0, 0.0])
        np.testing.assert_array_equal(softmax([np.inf, np.inf, 0.0]), [0.5, 0.5, 0.0])
        np.testing.assert_array_equal(softmax([-np.inf, 0.0]), [0.0, 1.0])
        np.testing.assert_array_equal(softmax([[-np.inf, -np.inf], [0.0, 0.0]]),
                                      [[0.5, 0.5], [0.5, 0.5]])


def test_nan_and_non_numbers_are_refused():
    with pytest.raises(ValueError, match=r"z must not contain NaN"):
        softmax([0.0, np.nan])
    with pytest.raises(TypeError, match=r"z must hold real numbers"):
        softmax(["a", "b"])


def test_input_is_not_modified():
    z = np.array([[1.0, 2.0], [3.0, -4.0]])
    before = z.copy()
    softmax(z)
    softmax_derivative(z)
    np.testing.assert_array_equal(z, before)


def test_jacobian_known_values_and_central_differences():
    # p = softmax([0, ln 3]) = [0.25, 0.75]: J = [[p0(1-p0), -p0 p1], [-p1 p0, p1(1-p1)]]
    #   = [[0.1875, -0.1875], [-0.1875, 0.1875]]
    np.testing.assert_allclose(softmax_derivative([0.0, np.log(3.0)]),
                               [[0.1875, -0.1875], [-0.1875, 0.1875]], rtol=1e-14)
    z = np.random.default_rng(1).normal(size=(3, 4))
    jacobian = softmax_derivative(z)
    assert jacobian.shape == (3, 4, 4)
    eps = 1e-6
    for j in range(4):
        nudge = np.zeros(4)
        nudge[j] = eps
        numerical = (softmax(z + nudge) - softmax(z - nudge)) / (2 * eps)  # d p_i / d z_j
        np.testing.assert_allclose(jacobian[:, :, j], numerical, rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(jacobian.sum(axis=1), 0.0, atol=1e-15)  # rows keep summing to 1
    assert softmax_derivative(2.0) == 0.0


def test_identity():
    assert identity(2.5) == 2.5 and type(identity(2.5)) is float
    z = np.array([-1.0, 3.0])
    out = identity(z)
    np.testing.assert_array_equal(out, z)
    assert out is not z  # a copy
    np.testing.assert_array_equal(identity_derivative(z), [1.0, 1.0])


def test_registry_has_softmax_and_identity():
    assert ACTIVATIONS["softmax"].function is softmax
    assert ACTIVATIONS["softmax"].derivative is softmax_derivative
    assert ACTIVATIONS["identity"].function is identity


def test_a_softmax_layer_needs_two_outputs():
    with pytest.raises(ValueError, match=r"softmax needs at least 2 outputs, one per class"):
        Dense(3, 1, "softmax")
    rows = Dense(3, 4, "softmax", rng=0).forward(np.random.default_rng(2).normal(size=(5, 3)))
    np.testing.assert_allclose(rows.sum(axis=1), 1.0, rtol=1e-15)
