"""Tests for neuron_lib.gradcheck: every activation, loss and architecture agrees to < 1e-7."""

import numpy as np
import pytest

from neuron_lib import ACTIVATIONS, Dense, Network, Neuron
from neuron_lib.gradcheck import FINE, WRONG, check_gradients, relative_error
from neuron_lib.losses import LOSSES, Loss

RNG = np.random.default_rng(0)
X = RNG.normal(size=(6, 3))
LABELS = np.array([0, 1, 1, 0, 1, 0])
TARGETS = RNG.normal(size=(6, 2))


def assert_fine(result):
    assert result.passed, str(result)
    assert result.worst < FINE, str(result)
    assert result.warnings == []


@pytest.mark.parametrize("hidden", list(ACTIVATIONS))
def test_every_activation_in_a_hidden_layer(hidden):
    net = Network([3, 4, 1], [hidden, "sigmoid"], rng=1)
    assert_fine(check_gradients(net, X, LABELS))


@pytest.mark.parametrize("output", list(ACTIVATIONS))
def test_every_activation_as_output_with_squared_error(output):
    """Squared error goes through each activation's derivative (softmax: its Jacobian)."""
    net = Network([3, 5, 2], ["tanh", output], rng=2)
    assert_fine(check_gradients(net, X, TARGETS, loss="mean_squared_error"))


@pytest.mark.parametrize(("loss", "output", "y"), [
    ("binary_cross_entropy", "sigmoid", LABELS),
    ("mean_squared_error", "identity", TARGETS[:, 0]),
    ("mean_squared_error", "sigmoid", LABELS),
])
def test_every_loss(loss, output, y):
    assert LOSSES[loss].output_activation == output or loss == "mean_squared_error"
    net = Network([3, 4, 1], ["tanh", output], rng=3)
    assert_fine(check_gradients(net, X, y, loss=loss))


@pytest.mark.parametrize("model", [
    Neuron(3, rng=4),
    Dense(3, 1, rng=5),
    Network([3, 1], rng=6),
    Network([3, 8, 1], ["relu", "sigmoid"], init="he", rng=7),
    Network([3, 6, 5, 4, 1], ["tanh", "leaky_relu", "sigmoid", "sigmoid"], init="xavier", rng=8),
], ids=["neuron", "dense", "linear", "one-hidden", "three-hidden"])
def test_several_architectures(model):
    assert_fine(check_gradients(model, X, LABELS))


def test_the_parameters_end_as_they_started():
    net = Network([3, 4, 1], ["tanh", "sigmoid"], rng=9)
    before = [p.copy() for p in net.parameters()]
    check_gradients(net, X, LABELS)
    for p, q in zip(net.parameters(), before, strict=True):
        np.testing.assert_array_equal(p, q)


def test_a_forgotten_activation_derivative_is_wrong():
    """A hidden layer whose backward skips f'(Z): the classic slip, caught."""

    class NoSlope(Dense):
        def backward(self, grad_output=None, *, delta=None, input_gradient=True):
            delta = grad_output if delta is None else delta
            return super().backward(delta=delta, input_gradient=input_gradient)

    net = Network([NoSlope(3, 4, "tanh", rng=10), Dense(4, 1, rng=11)])
    result = check_gradients(net, X, LABELS)
    assert not result.passed
    assert result.verdict("layers[0].weights") == "wrong"
    assert result.verdict("layers[1].weights") == "fine"  # the output layer is right
    assert "Some gradients disagree" in str(result)


def test_a_sum_instead_of_a_mean_is_wrong():
    """A loss whose delta forgets the 1/n: every gradient n times too large."""

    class SummedCrossEntropy(Loss):
        name = "summed"
        output_activation = "sigmoid"
        activations = ("sigmoid",)
        targets = LOSSES["binary_cross_entropy"].targets
        value = LOSSES["binary_cross_entropy"].value

        def backpropagate(self, model, Y, *, input_gradient=False):
            return model.backward(delta=model.output_layer.outputs - Y)

    result = check_gradients(Neuron(3, rng=12), X, LABELS, loss=SummedCrossEntropy())
    # analytic = 6 * numerical: |6g - g| / (6|g| + |g|) = 5 / 7
    np.testing.assert_allclose(result.worst, 5 / 7, rtol=1e-6)
    assert result.verdict("weights") == "wrong"


def test_relu_kink_is_warned_about():
    """A sample of zeros and biases of 0: its weighted sums are exactly 0, on the kink."""
    layer = Dense(3, 2, "relu", init=(np.ones((3, 2)), np.zeros(2)))
    net = Network([layer, Dense(2, 1, rng=13)])
    X_kink = np.vstack([X, np.zeros(3)])
    result = check_gradients(net, X_kink, np.append(LABELS, 1))
    assert len(result.warnings) == 1
    assert "2 weighted sum(s) of layer 1 (relu) lie within" in result.warnings[0]
    assert "ReLU's kink" in str(result)


def test_the_text_explains_the_thresholds():
    text = str(check_gradients(Neuron(3, rng=14), X, LABELS))
    assert text.startswith("Gradient check of binary_cross_entropy (central differences, "
                           "eps=1e-06):")
    assert "weights  (3,)  relative error" in text and "fine" in text
    assert "below 1e-07 is fine; 1e-07 to 0.0001 is" in text
    assert text.endswith("All gradients agree.")
    assert repr(check_gradients(Neuron(3, rng=14), X, LABELS)) == text
    assert (FINE, WRONG) == (1e-7, 1e-4)


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    # |[1, 2] - [1, 2.5]| / (|[1, 2]| + |[1, 2.5]|) = 0.5 / (2.2360679... + 2.6925824...)
    np.testing.assert_allclose(relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.5])),
                               0.5 / (5 ** 0.5 + 7.25 ** 0.5), rtol=1e-15)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"eps": 0.0}, ValueError, r"eps must be a small positive number, got 0\. Try eps=1e-6"),
    ({"eps": 1.0}, ValueError, r"eps must be a small positive number, got 1"),
    ({"eps": "small"}, TypeError, r"eps must be a real number, got str"),
    ({"loss": "hinge"}, ValueError, r"Unknown loss 'hinge'"),
])
def test_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        check_gradients(Neuron(3), X, LABELS, **kwargs)


def test_not_a_model():
    with pytest.raises(TypeError, match=r"check_gradients expects a model with forward, "
                                        r"backward, parameters and gradients"):
        check_gradients(lambda x: x, X, LABELS)
