"""Tests for neuron_lib.preprocessing under hostile input (review F3, C8, K2); the everyday
behaviour of train_test_split and Standardizer is tested in test_training.py."""

import numpy as np
import pytest
from helpers import no_floating_point_warnings

from neuron_lib.preprocessing import Standardizer, train_test_split


@pytest.mark.parametrize("X", [[[0.0], [1e-200]], [[1e-200], [0.0]], [[0.0], [1.25e-184]]])
def test_a_tiny_spread_is_standardised_not_turned_into_inf(X):
    """F3: the squared deviations underflow, so X.std() is 0 and the old result was +-inf
    with a RuntimeWarning. Two values standardise to -1 and +1 whatever their scale."""
    with no_floating_point_warnings():
        result = Standardizer().fit_transform(X)
    np.testing.assert_allclose(np.sort(result[:, 0]), [-1.0, 1.0], rtol=1e-12)


def test_a_tiny_spread_matches_the_same_data_scaled_up():
    """Three values: the same standardised numbers as the data times 1e190."""
    X = np.array([[0.0], [1.25e-184], [3e-184]])
    with no_floating_point_warnings():
        tiny = Standardizer().fit_transform(X)
    np.testing.assert_allclose(tiny, Standardizer().fit_transform(X * 1e190), rtol=1e-12)


def test_a_spread_float64_cannot_resolve_is_refused_clearly():
    """[5e-324, 0]: the two smallest floats. Their spread is not a normal float: refused with
    the constant-column message rather than standardised to [inf, nan]."""
    with pytest.raises(ValueError, match=r"Column 0 of X has values that differ by less than "
                                         r"float64 can tell apart.*cannot be standardised"):
        Standardizer().fit([[5e-324], [0.0]])


def test_ordinary_data_standardise_exactly_as_before():
    """The remeasuring only touches tiny spreads: the usual path is numpy's mean and std."""
    X = np.random.default_rng(0).normal(3.0, 2.0, size=(50, 4))
    scaler = Standardizer().fit(X)
    np.testing.assert_array_equal(scaler.std, X.std(axis=0))
    np.testing.assert_array_equal(scaler.mean, X.mean(axis=0))


def test_repr_of_many_features_is_short():
    """K2: a 500-feature Standardizer's repr was 7,096 characters."""
    scaler = Standardizer().fit(np.random.default_rng(0).normal(size=(10, 500)))
    assert "... (500 in all)" in repr(scaler) and len(repr(scaler)) < 250


@pytest.mark.parametrize(("y", "match"), [
    ([0, None, 1, 0], (r"y holds None at index 1 \(1 missing label in all\): a missing label "
                      r"is not a class\. Drop those samples")),
    ([0.0, np.nan, 1.0, np.nan], r"y holds nan at index 1 \(2 missing labels in all\)"),
    (np.array(["ham", None, "spam", "ham"], dtype=object), r"y holds None at index 1"),
])
def test_missing_labels_are_refused_with_a_clear_message(y, match):
    """C8: None gave numpy's "'<' not supported between NoneType and int"."""
    with pytest.raises(ValueError, match=match):
        train_test_split(np.zeros((4, 1)), y)


def test_masked_labels_are_refused():
    with pytest.raises(TypeError, match=r"y is a masked array with masked entries"):
        train_test_split(np.zeros((4, 1)), np.ma.array([0, 1, 0, 1], mask=[0, 1, 0, 0]))


def test_string_labels_still_split():
    *_, y_test = train_test_split(
        np.arange(8.0)[:, None], ["ham", "spam"] * 4, test_size=0.5, rng=0)
    assert sorted(y_test.tolist()) == ["ham", "ham", "spam", "spam"]
