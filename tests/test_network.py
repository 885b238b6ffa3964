"""Tests for neuron_lib.network.Network: building, forward, backward, predictions, errors."""

import numpy as np
import pytest
from scipy.special import expit, softmax

from neuron_lib import Dense, Network, Neuron


def xor_by_hand():
    """A 2-2-1 sigmoid network that solves XOR (hidden: OR and NAND, output: AND)."""
    hidden = Dense(2, 2, init=([[20.0, -20.0], [20.0, -20.0]], [-10.0, 30.0]))
    output = Dense(2, 1, init=([[20.0], [20.0]], [-30.0]))
    return Network([hidden, output])


XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


# --- building ------------------------------------------------------------------------------


def test_repr_architecture_and_parameter_count():
    # (2 * 3 + 3) + (3 * 1 + 1) = 9 + 4 = 13
    net = Network([2, 3, 1], ["tanh", "sigmoid"], rng=0)
    assert repr(net) == "Network(2 -> 3 tanh -> 1 sigmoid, 13 parameters)"
    assert (net.n_inputs, net.n_outputs, net.n_parameters) == (2, 1, 13)
    assert net.sizes == [2, 3, 1] and net.activations == ["tanh", "sigmoid"]
    assert repr(Network([64, 10], "softmax")) == "Network(64 -> 10 softmax, 650 parameters)"


def test_defaults_are_sigmoid_and_uniform():
    net = Network([3, 4, 2])
    assert net.activations == ["sigmoid", "sigmoid"]
    values = np.concatenate([p.ravel() for p in net.parameters()])
    assert np.abs(values).max() <= 1 and len(set(values)) == values.size


def test_sizes_with_the_same_seed_build_the_same_network_as_layers_by_hand():
    """The generator is shared by the layers, in order: weights 1, bias 1, weights 2, ..."""
    net = Network([3, 4, 2], ["relu", "sigmoid"], init="he", rng=9)
    rng = np.random.default_rng(9)
    by_hand = [Dense(3, 4, "relu", init="he", rng=rng), Dense(4, 2, "sigmoid", init="he",
                                                                   rng=rng)]
    for layer, other in zip(net.layers, by_hand, strict=True):
        np.testing.assert_array_equal(layer.weights, other.weights)
        np.testing.assert_array_equal(layer.bias, other.bias)


def test_reset_draws_what_the_constructor_draws():
    built = Network([2, 3, 1], ["tanh", "sigmoid"], rng=4)
    other = Network([2, 3, 1], ["tanh", "sigmoid"], rng=5)
    assert other.reset(4) is other
    for p, q in zip(built.parameters(), other.parameters(), strict=True):
        np.testing.assert_array_equal(p, q)


def test_init_per_layer():
    net = Network([2, 2, 1], init=["zeros", 0.5])
    assert not net.layers[0].weights.any()
    assert np.all(net.layers[1].weights == 0.5) and net.layers[1].bias[0] == 0.5


def test_layers_are_shared_not_copied_and_a_neuron_is_a_layer():
    neuron = Neuron(2, rng=0)
    first = Dense(3, 2, rng=1)
    net = Network([first, neuron])
    assert net.layers[0] is first and net.layers[1] is neuron.layer
    net.layers[1].weights[0, 0] = 7.0
    assert neuron.weights[0] == 7.0


def test_parameters_and_their_names_in_layer_order():
    net = Network([2, 3, 1], rng=0)
    names = [name for name, _ in net.named_parameters()]
    assert names == ["layers[0].weights", "layers[0].bias", "layers[1].weights",
                     "layers[1].bias"]
    assert all(p is q for p, q in zip(net.parameters(), [net.layers[0].weights,
               net.layers[0].bias, net.layers[1].weights, net.layers[1].bias], strict=True))


@pytest.mark.parametrize(("args", "kwargs", "error", "match"), [
    (([Dense(2, 4), Dense(3, 1)],), {}, ValueError,
     r"Layer 2 expects 3 inputs, layer 1 gives 4\. Make layer 2 Dense\(4, 1, \.\.\.\)"),
    (([2, 3, 1], ["tanh"]), {}, ValueError, (r"activations needs one entry per layer: 2 "
                                            r"layer\(s\), got 1")),
    (([2, 3, 1],), {"init": ["zeros"]}, ValueError, r"init needs one entry per layer"),
    (([2, 3, 1], ("tanh", "sigmoid")), {}, TypeError, (r"activations must be one value for all "
                                                      r"layers or a list")),
    (([2, 0, 1],), {}, ValueError, r"Layer sizes must be at least 1, got 0 at index 1"),
    (([2, 2.5, 1],), {}, TypeError, (r"sizes \(positive integers\) or Dense layers, got float "
                                    r"2\.5 at index 1")),
    (([2],), {}, ValueError, r"at least two sizes, inputs and outputs, got \[2\]"),
    (([],), {}, ValueError, r"at least two sizes"),
    (("2-3-1",), {}, TypeError, r"layers must be a list of sizes.*got str"),
    ((5,), {}, TypeError, r"layers must be a list of sizes.*got int"),
    (([2, 3, 1], ["tanh", "softplus"]), {}, ValueError, r"Unknown activation 'softplus'"),
    (([Dense(2, 2)],), {"rng": 0}, ValueError, r"these layers are already built"),
])
def test_bad_architectures_are_refused(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        Network(*args, **kwargs)


def test_the_same_layer_twice_is_refused():
    layer = Dense(2, 2)
    with pytest.raises(ValueError, match=r"The same layer object appears twice"):
        Network([layer, layer])


# --- forward and predictions ---------------------------------------------------------------


def test_forward_is_the_formula_of_the_lesson():
    """H = tanh(X W1 + b1), y_hat = sigmoid(H W2 + b2)."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 2))
    net = Network([2, 3, 1], ["tanh", "sigmoid"], rng=1)
    (W1, b1), (W2, b2) = [(layer.weights, layer.bias) for layer in net.layers]
    H = np.tanh(X @ W1 + b1)
    expected = expit(H @ W2 + b2)
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-14)
    np.testing.assert_allclose(net.predict_proba(X), expected[:, 0], rtol=1e-14)
    hidden, output = net.layer_outputs(X)
    np.testing.assert_allclose(hidden, H, rtol=1e-14)
    np.testing.assert_allclose(net.hidden_activations(X)[0], H, rtol=1e-14)
    np.testing.assert_allclose(output, expected, rtol=1e-14)


def test_a_network_solves_xor_by_hand():
    net = xor_by_hand()
    np.testing.assert_array_equal(net.predict(XOR_X), [0, 1, 1, 0])
    assert net.predict(XOR_X).dtype == np.int64
    proba = net.predict_proba(XOR_X)
    assert proba.shape == (4,) and proba[1] > 0.99 and proba[0] < 0.01


def test_one_sample_gives_a_number_or_one_row():
    net = xor_by_hand()
    assert type(net.predict_proba([0.0, 1.0])) is float
    assert net.predict([0.0, 1.0]) == 1 and type(net.predict([0.0, 1.0])) is int
    assert net.forward([0.0, 1.0]).shape == (1,)
    assert [a.shape for a in net.layer_outputs([0.0, 1.0])] == [(2,), (1,)]
    softmax_net = Network([2, 3], "softmax", rng=0)
    assert softmax_net.predict_proba([0.0, 1.0]).shape == (3,)
    assert type(softmax_net.predict([0.0, 1.0])) is int


def test_softmax_outputs_are_class_probabilities_and_predict_takes_the_largest():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(6, 4))
    net = Network([4, 5, 3], ["relu", "softmax"], rng=3)
    proba = net.predict_proba(X)
    H = np.maximum(X @ net.layers[0].weights + net.layers[0].bias, 0)
    np.testing.assert_allclose(proba, softmax(H @ net.layers[1].weights + net.layers[1].bias,
                                              axis=1), rtol=1e-13)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_array_equal(net.predict(X), proba.argmax(axis=1))


def test_predict_threshold():
    net = xor_by_hand()
    np.testing.assert_array_equal(net.predict(XOR_X, threshold=0.0), [1, 1, 1, 1])
    with pytest.raises(ValueError, match=r"threshold must be a probability in \[0, 1\], got 1\.5"):
        net.predict(XOR_X, threshold=1.5)


@pytest.mark.parametrize(("X", "error", "match"), [
    (np.ones((3, 3)), ValueError, (r"This network expects X of shape \(n_samples, 2\) or "
                                  r"\(2,\): 2 inputs per sample, got 3 inputs per sample")),
    (np.ones((2, 2, 2)), ValueError, r"got a 3-D array of shape \(2, 2, 2\)"),
    ([[0.0, np.inf]], ValueError, r"X must be finite, got inf at index \(0, 1\)"),
    ([[None, 1.0]], TypeError, r"X must hold real numbers"),
])
def test_bad_inputs_are_refused(X, error, match):
    with pytest.raises(error, match=match):
        xor_by_hand().forward(X)


def test_a_layer_error_names_the_layer():
    net = xor_by_hand()
    net.layers[1].weights[1, 0] = np.nan
    with pytest.raises(ValueError, match=r"Layer 2 \(Dense\(2 -> 1 sigmoid, 3 parameters\)\): "
                       r"weights must be finite, got nan at index \(1, 0\)"):
        net.forward(XOR_X)


# --- backward ------------------------------------------------------------------------------


def test_backward_chains_the_layers():
    """Network.backward equals calling each layer's backward by hand, last to first."""
    rng = np.random.default_rng(5)
    X = rng.normal(size=(4, 3))
    net = Network([3, 5, 2], ["tanh", "sigmoid"], rng=6)
    R = rng.normal(size=(4, 2))
    net.forward(X)
    grad_input = net.backward(R)
    grads = [g.copy() for g in net.gradients()]
    hidden, output = net.layers
    expected_input = hidden.backward(output.backward(R))
    np.testing.assert_array_equal(grad_input, expected_input)
    for g, expected in zip(grads, net.gradients(), strict=True):
        np.testing.assert_array_equal(g, expected)


def test_backward_matches_central_differences_through_two_layers():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(5, 2))
    R = rng.normal(size=(5, 3))
    net = Network([2, 4, 3], ["relu", "softmax"], rng=8)

    def loss():
        return float(np.sum(net.forward(X) * R))

    loss()
    net.backward(R)
    eps = 1e-6
    for p, g in zip(net.parameters(), net.gradients(), strict=True):
        numerical = np.zeros_like(p)
        for index in np.ndindex(p.shape):
            keep = p[index]
            p[index] = keep + eps
            up = loss()
            p[index] = keep - eps
            numerical[index] = (up - loss()) / (2 * eps)
            p[index] = keep
        np.testing.assert_allclose(g, numerical, rtol=1e-6, atol=1e-8)
