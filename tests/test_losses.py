"""Tests for neuron_lib.losses: the registry, values, gradients and the y_hat - y contract."""

import math

import numpy as np
import pytest
from helpers import no_floating_point_warnings
from scipy.special import expit

from neuron_lib import Dense, Network, sigmoid_derivative
from neuron_lib.losses import (
    LOSSES,
    Loss,
    binary_cross_entropy,
    categorical_cross_entropy,
    get_loss,
    mean_squared_error,
    one_hot,
)


def layer_with_outputs(Z, activation):
    """A layer whose last forward pass produced weighted sums Z (one input, identity W)."""
    Z = np.asarray(Z, dtype=float)
    layer = Dense(Z.shape[1], Z.shape[1], activation, init=(np.eye(Z.shape[1]), 0.0 * Z[0]))
    layer.forward(Z)
    return layer


# --- the registry --------------------------------------------------------------------------


def test_registry_names_and_lookup():
    assert set(LOSSES) >= {"binary_cross_entropy", "mean_squared_error"}
    for name, loss in LOSSES.items():
        assert isinstance(loss, Loss) and loss.name == name and get_loss(name) is loss
        assert loss.output_activation in loss.activations
    assert get_loss(LOSSES["mean_squared_error"]) is LOSSES["mean_squared_error"]
    assert repr(LOSSES["binary_cross_entropy"]) == ("Loss('binary_cross_entropy': binary "
                                                    "cross-entropy, delta = y_hat - y with "
                                                    "sigmoid)")
    with pytest.raises(TypeError):
        LOSSES["hinge"] = None


@pytest.mark.parametrize("name", ["hinge", "MSE", None, 3])
def test_unknown_losses_list_the_known_ones(name):
    with pytest.raises(ValueError, match=r"Unknown loss .*Choose one of: binary_cross_entropy, "
                                         r"mean_squared_error, categorical_cross_entropy"):
        get_loss(name)


def test_calling_a_loss_is_its_checked_function():
    y, y_hat = [1, 0, 1], [0.8, 0.4, 0.5]
    assert LOSSES["binary_cross_entropy"](y, y_hat) == binary_cross_entropy(y, y_hat)
    assert LOSSES["mean_squared_error"](y, y_hat) == mean_squared_error(y, y_hat)


# --- values --------------------------------------------------------------------------------


def test_mean_squared_error_known_values_and_scikit_learn():
    # y = [1, 0, 2], y_hat = [0.5, 0.5, 3]: squares 0.25, 0.25, 1 -> 1.5 / (2 * 3) = 0.25
    assert mean_squared_error([1.0, 0.0, 2.0], [0.5, 0.5, 3.0]) == 0.25
    # Two outputs per sample: summed per sample. (1 + 4 + 0 + 1) / (2 * 2) = 1.5
    assert mean_squared_error([[0.0, 0.0], [1.0, 1.0]], [[1.0, 2.0], [1.0, 0.0]]) == 1.5
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    y, y_hat = rng.normal(size=20), rng.normal(size=20)
    np.testing.assert_allclose(mean_squared_error(y, y_hat),
                               metrics.mean_squared_error(y, y_hat) / 2, rtol=1e-14)


@pytest.mark.parametrize(("y", "y_hat", "error", "match"), [
    ([1.0, 2.0], [1.0], ValueError, r"y and y_hat must have the same shape"),
    ([1.0, np.nan], [1.0, 2.0], ValueError, r"y must be finite, got nan at index 1"),
    ([1.0, 2.0], [1.0, "a"], TypeError, r"y_hat must hold real numbers"),
])
def test_mean_squared_error_errors(y, y_hat, error, match):
    with pytest.raises(error, match=match):
        mean_squared_error(y, y_hat)


def test_binary_cross_entropy_of_a_layer_is_exact_where_the_checked_one_clips():
    """From z: log(1 + e^z) - y z. At z = -1000 with y = 1 the loss is 1000, not 36."""
    loss = LOSSES["binary_cross_entropy"]
    Z = np.array([[-2.0], [0.5], [3.0]])
    Y = np.array([[1.0], [0.0], [1.0]])
    layer = layer_with_outputs(Z, "sigmoid")
    np.testing.assert_allclose(loss.value(layer, Y), binary_cross_entropy(Y[:, 0],
                               expit(Z[:, 0])), rtol=1e-14)
    with no_floating_point_warnings():
        far = layer_with_outputs([[-1000.0], [1000.0]], "sigmoid")
        assert loss.value(far, np.array([[1.0], [1.0]])) == 500.0  # (1000 + 0) / 2
    assert binary_cross_entropy([1], [0.0]) < 37  # the clipped one


def test_squared_error_of_a_layer():
    loss = LOSSES["mean_squared_error"]
    layer = layer_with_outputs([[1.0, 2.0], [0.0, -1.0]], "identity")
    # (0 + 4 + 1 + 1) / (2 * 2) = 1.5
    assert loss.value(layer, np.array([[1.0, 0.0], [1.0, 0.0]])) == 1.5


# --- gradients and the contract ------------------------------------------------------------


@pytest.mark.parametrize("name", ["binary_cross_entropy", "mean_squared_error"])
def test_checked_gradient_matches_central_differences_of_the_value(name):
    loss = LOSSES[name]
    y = np.array([1.0, 0.0, 1.0, 0.0])
    y_hat = np.array([0.9, 0.3, 0.2, 0.6])
    eps = 1e-7
    numerical = np.array([(loss(y, y_hat + eps * e) - loss(y, y_hat - eps * e)) / (2 * eps)
                          for e in np.eye(4)])
    np.testing.assert_allclose(loss.gradient(y, y_hat), numerical, rtol=1e-6)


def test_gradient_known_values():
    # Binary cross-entropy, y = [1, 0], y_hat = [0.8, 0.5]:
    # (y_hat - y) / (y_hat (1 - y_hat)) / n = [-0.2 / 0.16, 0.5 / 0.25] / 2 = [-0.625, 1.0]
    np.testing.assert_allclose(LOSSES["binary_cross_entropy"].gradient([1, 0], [0.8, 0.5]),
                               [-0.625, 1.0], rtol=1e-14)
    np.testing.assert_array_equal(LOSSES["mean_squared_error"].gradient([1.0, 0.0], [0.5, 0.5]),
                                  [-0.25, 0.25])


def test_sigmoid_with_cross_entropy_hands_y_hat_minus_y_to_the_layer():
    """The contract: delta = (y_hat - y) / n, the slope of the sigmoid cancelled."""
    loss = LOSSES["binary_cross_entropy"]
    Z = np.array([[-1.0], [0.3], [2.0], [0.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    layer = layer_with_outputs(Z, "sigmoid")
    loss.backpropagate(layer, Y)
    np.testing.assert_allclose(layer.grad_weights, Z.T @ (expit(Z) - Y) / 4, rtol=1e-14)
    np.testing.assert_allclose(layer.grad_bias, np.mean(expit(Z) - Y, axis=0), rtol=1e-14)


def test_a_confidently_wrong_output_gets_the_largest_gradient_not_nan():
    """z = -1000 for y = 1: sigmoid is exactly 0.0, dL/dy_hat is infinite and sigma'(z) is 0.
    Through the contract the bias gradient is (0 - 1) / 1 = -1, the largest possible."""
    with no_floating_point_warnings():
        layer = layer_with_outputs([[-1000.0]], "sigmoid")
        LOSSES["binary_cross_entropy"].backpropagate(layer, np.array([[1.0]]))
    assert layer.grad_bias[0] == -1.0
    # Squared error through the sigmoid's slope: (0 - 1) * sigma'(-1000) = 0, no learning
    # at all (lesson 05's slowdown, in its extreme form).
    layer_mse = layer_with_outputs([[-1000.0]], "sigmoid")
    LOSSES["mean_squared_error"].backpropagate(layer_mse, np.array([[1.0]]))
    assert layer_mse.grad_bias[0] == 0.0


def test_squared_error_goes_through_the_activation_derivative():
    """No contract for sigmoid + squared error: delta = (y_hat - y) / n * sigma'(z)."""
    Z = np.array([[-3.0], [0.2], [4.0]])
    Y = np.array([[1.0], [0.0], [1.0]])
    layer = layer_with_outputs(Z, "sigmoid")
    LOSSES["mean_squared_error"].backpropagate(layer, Y)
    expected_delta = (expit(Z) - Y) / 3 * sigmoid_derivative(Z)
    np.testing.assert_allclose(layer.grad_bias, expected_delta.sum(axis=0), rtol=1e-13)


def test_identity_with_squared_error_uses_the_contract():
    """Linear regression: delta = (y_hat - y) / n, as for the classic pairs."""
    Z = np.array([[1.0], [3.0]])
    layer = layer_with_outputs(Z, "identity")
    LOSSES["mean_squared_error"].backpropagate(layer, np.array([[0.0], [1.0]]))
    np.testing.assert_array_equal(layer.grad_bias, [(1.0 + 2.0) / 2])


def test_backpropagate_through_a_network_returns_the_input_gradient_when_asked():
    net = Network([2, 3, 1], ["tanh", "sigmoid"], rng=0)
    X = np.array([[0.5, -1.0], [1.0, 2.0]])
    net.forward(X)
    loss = LOSSES["binary_cross_entropy"]
    assert loss.backpropagate(net, np.array([[1.0], [0.0]])) is None
    grad_input = loss.backpropagate(net, np.array([[1.0], [0.0]]), input_gradient=True)
    assert grad_input.shape == (2, 2)


# --- what fits together --------------------------------------------------------------------


def test_each_loss_says_which_output_activations_it_needs():
    with pytest.raises(ValueError, match=r"binary_cross_entropy cannot be used with a tanh "
                                         r"output layer; it needs sigmoid"):
        LOSSES["binary_cross_entropy"].check_output("tanh")
    for activation in ("sigmoid", "tanh", "relu", "identity", "softmax", "leaky_relu"):
        LOSSES["mean_squared_error"].check_output(activation)


def test_targets_are_checked_and_shaped_per_output():
    X = np.zeros((3, 2))
    bce, mse = LOSSES["binary_cross_entropy"], LOSSES["mean_squared_error"]
    assert bce.targets([0, 1, 1], X, 1).shape == (3, 1)
    assert mse.targets([0.5, 1.5, -2.0], X, 1).shape == (3, 1)
    assert mse.targets(np.ones((3, 2)), X, 2).shape == (3, 2)
    with pytest.raises(ValueError, match=r"y must hold class labels 0 and 1, got 2\.0"):
        bce.targets([0, 1, 2], X, 1)
    with pytest.raises(ValueError, match=r"y must have shape \(3,\), one label per row of X"):
        mse.targets([0.0, 1.0], X, 1)
    with pytest.raises(ValueError, match=r"y must have shape \(3, 2\) for a model with 2 "
                                         r"outputs \(one target per output"):
        mse.targets([0.0, 1.0], X, 2)
    with pytest.raises(ValueError, match=r"y must be finite, got inf"):
        mse.targets([0.0, math.inf, 1.0], X, 1)



# --- categorical cross-entropy and one-hot -------------------------------------------------


def test_one_hot():
    np.testing.assert_array_equal(one_hot([2, 0, 1]), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    np.testing.assert_array_equal(one_hot(np.array([1.0, 1.0]), n_classes=4),
                                  [[0, 1, 0, 0], [0, 1, 0, 0]])
    assert one_hot([0, 3]).dtype == np.float64


@pytest.mark.parametrize(("y", "n_classes", "error", "match"), [
    ([0, 1.5], None, ValueError, (r"y must hold class labels 0, 1, 2, \.\.\. \(whole numbers "
                                 r"from 0\), got 1\.5 at index 1")),
    ([0, -1], None, ValueError, r"got -1\.0 at index 1"),
    ([0.2, 0.8], None, ValueError, (r"These look like probabilities: take the class of the "
                                   r"largest one")),
    ([[0, 1]], None, ValueError, r"y must be 1-D, one class label per sample"),
    ([0, 10], 10, ValueError, (r"y holds class 10 at index 1, but there are only 10 classes "
                              r"\(labels 0 to 9\)")),
    ([0, 1], 2.0, TypeError, r"n_classes must be a positive integer, got float"),
    (["a"], None, TypeError, r"y must hold real numbers"),
])
def test_one_hot_errors(y, n_classes, error, match):
    with pytest.raises(error, match=match):
        one_hot(y, n_classes)


def test_categorical_cross_entropy_known_values_and_scikit_learn():
    # y = [0, 2]: -(log 0.5 + log 0.8) / 2 = (0.6931471805599453 + 0.2231435513142097) / 2
    y_hat = np.array([[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]])
    expected = (0.6931471805599453 + 0.2231435513142097) / 2
    np.testing.assert_allclose(categorical_cross_entropy([0, 2], y_hat), expected, rtol=1e-15)
    np.testing.assert_allclose(categorical_cross_entropy(one_hot([0, 2], 3), y_hat), expected,
                               rtol=1e-15)
    np.testing.assert_allclose(categorical_cross_entropy([0, 1, 2], np.full((3, 3), 1 / 3)),
                               np.log(3), rtol=1e-15)  # a uniform guess costs log K
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(4)
    y_hat = rng.dirichlet(np.ones(5), size=30)
    y = rng.integers(0, 5, size=30)
    np.testing.assert_allclose(categorical_cross_entropy(y, y_hat),
                               metrics.log_loss(y, y_hat, labels=range(5)), rtol=1e-12)


@pytest.mark.parametrize(("y", "y_hat", "match"), [
    ([0, 1], [0.5, 0.5], r"y_hat must have shape \(n_samples, n_classes\)"),
    ([0, 1], [[0.5, 0.6], [0.5, 0.5]], (r"Each row of y_hat must sum to 1 \(class probabilities"
                                       r"\), got a row summing to 1\.1 at index 0")),
    ([0, 1], [[2.0, -1.0], [0.5, 0.5]], r"y_hat must hold probabilities in \[0, 1\], got 2\.0"),
    ([0, 2], [[0.5, 0.5], [0.5, 0.5]], (r"y holds class 2 at index 1, but there are only 2 "
                                       r"classes")),
    ([0], [[0.5, 0.5], [0.5, 0.5]], r"y must have one class label per sample: shape \(2,\)"),
    ([[1.0, 1.0], [0.0, 1.0]], [[0.5, 0.5], [0.5, 0.5]], r"y as rows must be one-hot"),
])
def test_categorical_cross_entropy_errors(y, y_hat, match):
    with pytest.raises(ValueError, match=match):
        categorical_cross_entropy(y, y_hat)


def test_softmax_with_categorical_cross_entropy_hands_p_minus_one_hot_to_the_layer():
    loss = LOSSES["categorical_cross_entropy"]
    Z = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
    Y = one_hot([1, 0], 3)
    layer = layer_with_outputs(Z, "softmax")
    loss.backpropagate(layer, Y)
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(layer.grad_bias, ((P - Y) / 2).sum(axis=0), rtol=1e-14)
    np.testing.assert_allclose(layer.grad_weights, Z.T @ (P - Y) / 2, rtol=1e-14)
    # The long way, dL/dP through the softmax Jacobian, gives the same: the contract holds.
    long_way = layer_with_outputs(Z, "softmax")
    long_way.backward(loss.output_gradient(long_way.outputs, Y))
    np.testing.assert_allclose(long_way.grad_bias, layer.grad_bias, rtol=1e-12)


def test_categorical_cross_entropy_value_is_exact_at_huge_scores():
    """Scores [1000, 0] for class 1: the loss is log(e^1000 + 1) - 0 = 1000, no overflow."""
    loss = LOSSES["categorical_cross_entropy"]
    with no_floating_point_warnings():
        layer = layer_with_outputs([[1000.0, 0.0]], "softmax")
        assert loss.value(layer, one_hot([1], 2)) == 1000.0
        loss.backpropagate(layer, one_hot([1], 2))
    np.testing.assert_array_equal(layer.grad_bias, [1.0, -1.0])  # p - one-hot, the largest
    # Same value as the checked function where it does not clip:
    Z = np.array([[0.2, -0.3, 1.0]])
    P = np.exp(Z) / np.exp(Z).sum()
    np.testing.assert_allclose(loss.value(layer_with_outputs(Z, "softmax"), one_hot([2], 3)),
                               categorical_cross_entropy([2], P), rtol=1e-14)


def test_categorical_cross_entropy_gradient_matches_central_differences():
    loss = LOSSES["categorical_cross_entropy"]
    y = np.array([0, 2])
    y_hat = np.array([[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]])
    eps = 1e-7
    numerical = np.zeros_like(y_hat)
    for index in np.ndindex(y_hat.shape):
        up, down = y_hat.copy(), y_hat.copy()
        up[index] += eps
        down[index] -= eps
        # The checked function refuses rows that do not sum to 1; the kernel's formula
        # -sum(Y log p) / n is what is differentiated.
        numerical[index] = (-np.sum(one_hot(y, 3) * np.log(up)) + np.sum(one_hot(y, 3)
                            * np.log(down))) / 2 / (2 * eps)
    np.testing.assert_allclose(loss.gradient(y, y_hat), numerical, rtol=1e-6)


def test_categorical_targets_and_outputs():
    loss = LOSSES["categorical_cross_entropy"]
    X = np.zeros((3, 2))
    np.testing.assert_array_equal(loss.targets([2, 0, 1], X, 3), one_hot([2, 0, 1], 3))
    with pytest.raises(ValueError, match=r"y holds class 3 at index 0, but there are only 3"):
        loss.targets([3, 0, 1], X, 3)
    with pytest.raises(ValueError, match=r"categorical_cross_entropy cannot be used with a "
                                         r"sigmoid output layer; it needs softmax"):
        loss.check_output("sigmoid")


def test_squared_error_takes_class_labels_for_several_outputs():
    X = np.zeros((3, 2))
    np.testing.assert_array_equal(LOSSES["mean_squared_error"].targets([2, 0, 1], X, 3),
                                  one_hot([2, 0, 1], 3))
