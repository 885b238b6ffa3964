"""Tests for neuron_lib.datasets.load_digits, and a softmax network learning the digits."""

import numpy as np
import pytest

from neuron_lib import Network, check_gradients, train
from neuron_lib.datasets import ImageDataset, load_digits
from neuron_lib.metrics import accuracy, confusion_matrix

sklearn_datasets = pytest.importorskip("sklearn.datasets")


def test_load_digits_is_scikit_learns_data():
    digits = load_digits()
    reference = sklearn_datasets.load_digits()
    assert isinstance(digits, ImageDataset)
    np.testing.assert_array_equal(digits.X, reference.data)
    np.testing.assert_array_equal(digits.y, reference.target)
    assert digits.X.dtype == np.float64 and digits.y.dtype == np.int64
    assert digits.images.shape == (1797, 8, 8)
    np.testing.assert_array_equal(digits.images, reference.images)
    assert digits.feature_names[0] == "pixel 0,0" and digits.feature_names[-1] == "pixel 7,7"
    assert digits.class_names == tuple("0123456789") and digits.label_name == "digit"
    X, _y, names = digits
    assert X is digits.X and len(names) == 64
    assert repr(digits).startswith("ImageDataset(1797 images of 8 x 8 pixels, label 'digit': "
                                   "'0' (178), '1' (182)")
    assert "nothing is\ndownloaded" in digits.description


def test_a_softmax_network_reads_digits():
    """One hidden layer, mini-batches, categorical cross-entropy: well above 90% held out."""
    digits = load_digits()
    X, y = digits.X / 16.0, digits.y
    order = np.random.default_rng(0).permutation(len(y))
    train_rows, test_rows = order[:1300], order[1300:]
    net = Network([64, 32, 10], ["tanh", "softmax"], init="xavier", rng=0)
    history = train(net, X[train_rows], y[train_rows], loss="categorical_cross_entropy",
                    lr=0.2, epochs=30, batch_size=32, rng=1)
    predicted = net.predict(X[test_rows])
    assert accuracy(y[test_rows], predicted) > 0.93
    assert history.accuracy[-1] > 0.97 and history.loss[-1] < history.initial_loss / 10
    matrix = confusion_matrix(y[test_rows], predicted, n_classes=10)
    assert matrix.shape == (10, 10) and matrix.trace() == np.sum(predicted == y[test_rows])
    assert check_gradients(Network([64, 5, 10], ["tanh", "softmax"], rng=2), X[:6], y[:6],
                           loss="categorical_cross_entropy").worst < 1e-7
