"""load_spam_split with a validation set: lesson 03's three-way split of the spam emails."""

import numpy as np
import pytest

from neuron_lib.datasets import load_spam, load_spam_split
from neuron_lib.preprocessing import Standardizer, train_test_split


def test_three_way_split_is_the_lessons_two_splits_by_hand():
    X_train, X_val, X_test, y_train, y_val, y_test = load_spam_split(validation_size=0.25)
    # 4,601 emails: ceil(0.25 * 4601) = 1151 for testing, then ceil(0.25 * 3450) = 863 of
    # the remaining 3,450 for validation, 2,587 left to train on.
    assert (len(y_train), len(y_val), len(y_test)) == (2587, 863, 1151)
    X, y, _ = load_spam()
    rest, X_test_raw, y_rest, _ = train_test_split(np.log1p(X), y, rng=0)
    X_train_raw, X_val_raw, y_train_raw, y_val_raw = train_test_split(rest, y_rest, rng=0)
    scaler = Standardizer().fit(X_train_raw)
    np.testing.assert_allclose(X_train, scaler.transform(X_train_raw))
    np.testing.assert_allclose(X_val, scaler.transform(X_val_raw))
    np.testing.assert_allclose(X_test, scaler.transform(X_test_raw))
    np.testing.assert_array_equal(y_val, y_val_raw)
    np.testing.assert_array_equal(y_train, y_train_raw)
    # Standardised with the training emails' statistics only: exact there, not elsewhere.
    np.testing.assert_allclose(X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_train.std(axis=0), 1.0)
    assert np.abs(X_val.mean(axis=0)).max() > 1e-3


def test_the_test_set_does_not_depend_on_the_validation_split():
    _, X_test_two_way, _, y_test_two_way = load_spam_split(["dollar"])
    *_, y_test = load_spam_split(["dollar"], validation_size=0.4)
    np.testing.assert_array_equal(y_test, y_test_two_way)
    # Same emails; scaled with other statistics (the training part is smaller).
    assert len(X_test_two_way) == len(y_test)


def test_every_split_keeps_the_share_of_spam():
    *_, y_train, y_val, y_test = load_spam_split(validation_size=0.25)
    for part in (y_train, y_val, y_test):
        assert part.mean() == pytest.approx(1813 / 4601, abs=0.001)  # 39.4% spam


def test_a_generator_draws_both_splits_from_one_stream():
    first = load_spam_split(["bang"], validation_size=0.25, rng=np.random.default_rng(5))
    again = load_spam_split(["bang"], validation_size=0.25, rng=np.random.default_rng(5))
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    other = load_spam_split(["bang"], validation_size=0.25, rng=np.random.default_rng(6))
    assert not np.array_equal(first[4], other[4])


@pytest.mark.parametrize(("validation_size", "error", "match"),
                         [(1.0, ValueError, "test_size must be a fraction between 0 and 1"),
                          (0.0, ValueError, "test_size must be a fraction between 0 and 1"),
                          ("half", TypeError, "test_size must be a fraction")])
def test_a_validation_size_that_leaves_a_set_empty_is_refused(validation_size, error, match):
    with pytest.raises(error, match=match):
        load_spam_split(validation_size=validation_size)
