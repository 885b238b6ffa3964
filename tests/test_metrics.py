"""Tests for the multi-class side of neuron_lib.metrics: accuracy and the K x K confusion matrix.

The two-class behaviour (2 x 2 layout, error messages) is tested in test_training.py.
"""

import numpy as np
import pytest

from neuron_lib.metrics import accuracy, confusion_matrix


def test_accuracy_of_class_labels():
    # 3 of the 4 digits right
    assert accuracy([3, 7, 2, 9], [3, 1, 2, 9]) == 0.75
    assert accuracy(np.array([2.0, 0.0]), [2, 1]) == 0.5  # whole floats are labels too


def test_confusion_matrix_known_values():
    # y      = [0, 1, 2, 2, 1, 0]
    # y_pred = [0, 2, 2, 1, 1, 0]
    # row i, column j: true i predicted j -> [0,0]=2, [1,2]=1, [1,1]=1, [2,2]=1, [2,1]=1
    matrix = confusion_matrix([0, 1, 2, 2, 1, 0], [0, 2, 2, 1, 1, 0])
    np.testing.assert_array_equal(matrix, [[2, 0, 0], [0, 1, 1], [0, 1, 1]])
    assert matrix.dtype == np.int64 and matrix.sum() == 6


def test_n_classes_keeps_rows_for_classes_that_never_occur():
    matrix = confusion_matrix([0, 3], [0, 2], n_classes=10)
    assert matrix.shape == (10, 10) and matrix[0, 0] == 1 and matrix[3, 2] == 1
    # Labels 0 and 1 with n_classes: a K x K table too.
    np.testing.assert_array_equal(confusion_matrix([0, 1, 1], [0, 1, 0], n_classes=3),
                                  [[1, 0, 0], [1, 1, 0], [0, 0, 0]])


def test_two_classes_keep_their_two_by_two_table():
    np.testing.assert_array_equal(confusion_matrix([0, 0, 1], [0, 1, 1]), [[1, 1], [0, 1]])
    np.testing.assert_array_equal(confusion_matrix([1, 1], [1, 1]), [[0, 0], [0, 2]])


@pytest.mark.parametrize("seed", range(3))
def test_matches_scikit_learn(seed):
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 10, size=200)
    y_pred = np.where(rng.uniform(size=200) < 0.8, y, rng.integers(0, 10, size=200))
    assert accuracy(y, y_pred) == metrics.accuracy_score(y, y_pred)
    np.testing.assert_array_equal(confusion_matrix(y, y_pred, n_classes=10),
                                  metrics.confusion_matrix(y, y_pred, labels=range(10)))


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: confusion_matrix([0, 12], [0, 1], n_classes=10), ValueError,
     r"y holds class 12, but n_classes=10 allows labels 0 to 9"),
    (lambda: confusion_matrix([0, 2], [0, 1], n_classes=2.0), TypeError,
     r"n_classes must be a whole number, got float"),
    (lambda: confusion_matrix([0, 2], [0, 1], n_classes=0), ValueError,
     r"n_classes must be at least 1"),
    (lambda: accuracy([0, 2, 1], [0, 2]), ValueError, r"y and y_pred must have the same shape"),
    (lambda: accuracy([0, 2], [0.7, 2.0]), ValueError,
     (r"y_pred must hold class labels 0, 1, 2, \.\.\. \(whole numbers from 0\), got 0\.7 at "
     r"index 0\. These look like probabilities")),
    (lambda: confusion_matrix([0, -1], [3, 2]), ValueError, r"y must hold class labels 0, 1, 2"),
])
def test_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()
