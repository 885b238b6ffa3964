"""Tests for neuron_lib.layers.Dense: shapes, initialisations, forward, backward, errors."""

import math

import numpy as np
import pytest
from helpers import no_floating_point_warnings
from scipy.special import expit

from neuron_lib import ACTIVATIONS, Dense, Neuron
from neuron_lib.layers import INITS, NonFiniteError, weighted_sums

# The hand-checked layer of several tests: 2 inputs, 2 neurons.
# W = [[1, -1], [2, 0.5]] (column j = neuron j), b = [0.5, -1].
W = np.array([[1.0, -1.0], [2.0, 0.5]])
B = np.array([0.5, -1.0])


def hand_layer(activation="identity"):
    return Dense(2, 2, activation, init=(W, B))


def numerical_gradient(function, array, eps=1e-6):
    """Central differences of the scalar function() for every entry of `array` (in place)."""
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        keep = array[index]
        array[index] = keep + eps
        up = function()
        array[index] = keep - eps
        down = function()
        array[index] = keep
        grad[index] = (up - down) / (2 * eps)
    return grad


# --- construction and initialisation -------------------------------------------------------


@pytest.mark.parametrize(("n_inputs", "n_outputs"), [(1, 1), (3, 2), (64, 10)])
def test_shapes_and_read_only_facts(n_inputs, n_outputs):
    layer = Dense(n_inputs, n_outputs, "tanh", rng=0)
    assert layer.weights.shape == (n_inputs, n_outputs) and layer.weights.dtype == np.float64
    assert layer.bias.shape == (n_outputs,)
    assert (layer.n_inputs, layer.n_outputs, layer.activation) == (n_inputs, n_outputs, "tanh")
    assert layer.n_parameters == n_inputs * n_outputs + n_outputs
    assert layer.grad_weights is None and layer.inputs is None
    for name in ("n_inputs", "n_outputs", "activation", "n_parameters"):
        with pytest.raises(AttributeError):
            setattr(layer, name, 5)


def test_repr_shows_sizes_activation_and_parameter_count():
    # 3 * 4 weights + 4 biases = 16
    assert repr(Dense(3, 4, "relu", rng=0)) == "Dense(3 -> 4 relu, 16 parameters)"


@pytest.mark.parametrize(("n_inputs", "seed"), [(1, 0), (3, 7), (10, 123)])
def test_uniform_init_of_one_output_draws_what_a_neuron_draws(n_inputs, seed):
    """Same seed, same numbers: the weights first, then the bias."""
    layer, neuron = Dense(n_inputs, 1, rng=seed), Neuron(n_inputs, rng=seed)
    np.testing.assert_array_equal(layer.weights[:, 0], neuron.weights)
    assert layer.bias[0] == neuron.bias
    rng = np.random.default_rng(seed)  # the old Neuron's draws, spelled out
    np.testing.assert_array_equal(layer.weights[:, 0], rng.uniform(-1, 1, size=n_inputs))
    assert layer.bias[0] == rng.uniform(-1, 1)


def test_uniform_init_covers_minus_one_to_one():
    values = np.concatenate([Dense(20, 30, rng=0).weights.ravel(), Dense(20, 30, rng=1).bias])
    assert values.min() >= -1 and values.max() <= 1
    assert values.min() < -0.99 and values.max() > 0.99


def test_zeros_and_constant_inits():
    assert not Dense(3, 2, init="zeros").weights.any()
    assert not Dense(3, 2, init="zeros").bias.any()
    for init, value in (("constant", 0.5), (("constant", -0.25), -0.25), (0.3, 0.3), (2, 2.0)):
        layer = Dense(3, 2, init=init)
        assert np.all(layer.weights == value) and np.all(layer.bias == value), init


def test_xavier_init_has_the_glorot_bound_and_zero_biases():
    # a = sqrt(6 / (64 + 16)) = sqrt(0.075) = 0.27386...
    layer = Dense(64, 16, init="xavier", rng=0)
    limit = math.sqrt(6 / 80)
    assert np.abs(layer.weights).max() <= limit
    assert np.abs(layer.weights).max() > 0.95 * limit  # the whole interval is used
    assert not layer.bias.any()
    # Variance of U[-a, a] is a^2 / 3 = 2 / (n_in + n_out) = 0.025; 1024 draws: within 10%.
    assert abs(layer.weights.var() / 0.025 - 1) < 0.1


def test_he_init_has_variance_two_over_n_inputs():
    layer = Dense(200, 50, init="he", rng=0)
    # N(0, 2 / 200): variance 0.01; 10,000 draws: within 5%.
    assert abs(layer.weights.var() / 0.01 - 1) < 0.05
    assert not layer.bias.any()


def test_array_inits_are_copied():
    weights, bias = W.copy(), B.copy()
    layer = Dense(2, 2, init=(weights, bias))
    weights[:] = 99.0
    np.testing.assert_array_equal(layer.weights, W)
    np.testing.assert_array_equal(layer.bias, B)
    np.testing.assert_array_equal(Dense(2, 2, init=W).bias, [0.0, 0.0])  # weights alone
    np.testing.assert_array_equal(Dense(2, 1, init=([[1.0], [2.0]], 0.5)).bias, [0.5])


@pytest.mark.parametrize("init", [*INITS, 0.5, ("constant", 1.0), (W, B)])
def test_reset_draws_what_the_constructor_draws(init):
    built = Dense(2, 2, init=init, rng=5)
    other = Dense(2, 2, init=init, rng=6)
    assert other.reset(5) is other
    np.testing.assert_array_equal(other.weights, built.weights)
    np.testing.assert_array_equal(other.bias, built.bias)


@pytest.mark.parametrize(("init", "error", "match"), [
    ("glorot", ValueError, (r"Unknown init 'glorot'\. Choose one of: uniform, zeros, constant, "
                           r"xavier, he")),
    (("he", 1.0), ValueError, r"only \('constant', value\) takes a value"),
    (("constant", "big"), TypeError, r"the constant of init must be a real number, got str"),
    (math.nan, ValueError, r"init must be finite, got nan"),
    (True, TypeError, r"init must be a name .*got bool True"),
    (None, TypeError, r"init must be a name .*got NoneType"),
    ((W,), ValueError, r"init as a tuple must be \(weights, bias\), got 1 items"),
    ((W.T[:1], B), ValueError, (r"init arrays must have shapes \(2, 2\) \(weights\) and \(2,\) "
                               r"\(bias\), got \(1, 2\) and \(2,\)")),
    ((W, [np.inf, 0.0]), ValueError, r"init bias must be finite, got inf at index 0"),
])
def test_bad_inits_are_refused(init, error, match):
    with pytest.raises(error, match=match):
        Dense(2, 2, init=init)


@pytest.mark.parametrize(("args", "error", "match"), [
    ((0, 2), ValueError, r"n_inputs must be a positive integer, got 0"),
    ((2, 2.5), TypeError, r"n_outputs must be a positive integer, got float 2\.5"),
    ((2, 2, "softplus"), ValueError, r"Unknown activation 'softplus'\. Choose one of"),
])
def test_bad_sizes_and_activations_are_refused(args, error, match):
    with pytest.raises(error, match=match):
        Dense(*args)


# --- parameters ----------------------------------------------------------------------------


def test_parameters_are_the_live_arrays():
    layer = Dense(2, 2, rng=0)
    weights, bias = layer.parameters()
    assert weights is layer.weights and bias is layer.bias
    weights -= 1.0  # what an optimiser step does
    np.testing.assert_array_equal(layer.weights, weights)
    assert [name for name, _ in layer.named_parameters()] == ["weights", "bias"]


def test_assigning_parameters_copies_them_in():
    layer = Dense(2, 2, rng=0)
    weights_before = layer.weights
    new = W.copy()
    layer.weights, layer.bias = new, B
    new[:] = 0.0
    np.testing.assert_array_equal(layer.weights, W)
    assert layer.weights is weights_before  # same array, so parameters() stay valid
    one = Dense(3, 1, rng=0)
    one.bias = -2  # a number for a one-output layer
    np.testing.assert_array_equal(one.bias, [-2.0])


@pytest.mark.parametrize(("name", "value", "error", "match"), [
    ("weights", np.ones((2, 3)), ValueError, (r"weights must have shape \(2, 2\), one row per "
                                             r"input and one column per neuron, got shape "
                                             r"\(2, 3\)")),
    ("weights", [[1.0, np.nan], [0.0, 0.0]], ValueError, (r"weights must be finite, got nan at "
                                                         r"index \(0, 1\)")),
    ("weights", [["a", "b"], ["c", "d"]], TypeError, r"weights must hold real numbers"),
    ("bias", [1.0, 2.0, 3.0], ValueError, (r"bias must have shape \(2,\), one per neuron, got "
                                          r"shape \(3,\)")),
    ("bias", 1.0, ValueError, r"bias must have shape \(2,\)"),
    ("bias", [1.0, -np.inf], ValueError, r"bias must be finite, got -inf at index 1"),
])
def test_bad_parameter_assignments_are_refused_and_change_nothing(name, value, error, match):
    layer = hand_layer()
    with pytest.raises(error, match=match):
        setattr(layer, name, value)
    np.testing.assert_array_equal(layer.weights, W)
    np.testing.assert_array_equal(layer.bias, B)


# --- forward -------------------------------------------------------------------------------


def test_forward_known_values():
    # X = [[1, 2], [0, -1]]:
    # Z = X W + b = [[1 + 4, -1 + 1], [-2, -0.5]] + [0.5, -1] = [[5.5, -1], [-1.5, -1.5]]
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    layer = hand_layer("identity")
    np.testing.assert_array_equal(layer.forward(X), [[5.5, -1.0], [-1.5, -1.5]])
    np.testing.assert_array_equal(layer.weighted_sums, [[5.5, -1.0], [-1.5, -1.5]])
    assert layer.inputs is X  # kept, not copied
    relu = hand_layer("relu")
    np.testing.assert_array_equal(relu.forward(X), [[5.5, 0.0], [0.0, 0.0]])
    np.testing.assert_allclose(hand_layer("sigmoid").forward(X), expit([[5.5, -1], [-1.5, -1.5]]),
                               rtol=1e-15)


def test_one_sample_in_gives_one_row_out():
    layer = hand_layer("identity")
    out = layer.forward([1.0, 2.0])
    assert out.shape == (2,)
    np.testing.assert_array_equal(out, [5.5, -1.0])
    assert layer.inputs.shape == (1, 2)  # kept as a batch of one for backward


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_forward_is_the_registry_activation_of_x_w_plus_b(name):
    rng = np.random.default_rng(1)
    layer = Dense(4, 3, name, rng=2)
    X = rng.normal(size=(6, 4))
    expected = ACTIVATIONS[name].function(X @ layer.weights + layer.bias)
    np.testing.assert_allclose(layer.forward(X), expected, rtol=1e-14)


def test_weighted_sums_kernel_is_x_w_plus_b_and_never_warns():
    np.testing.assert_array_equal(weighted_sums(np.ones((1, 2)), W, B), [[3.5, -1.5]])
    with no_floating_point_warnings():
        Z = weighted_sums(np.array([[1e308, 1e308]]), np.ones((2, 1)), np.zeros(1))
    assert Z[0, 0] == np.inf


def test_forward_does_not_modify_x():
    X = np.array([[1.0, -0.0], [3.0, 4.0]])
    before = X.copy()
    hand_layer("relu").forward(X)
    np.testing.assert_array_equal(X, before)


@pytest.mark.parametrize(("X", "error", "match"), [
    (np.ones(3), ValueError, (r"Dense\(2 -> 2 identity\) expects 2 inputs per sample, got 3\. "
                             r"Pass X of shape \(2,\)")),
    (np.ones((4, 3)), ValueError, r"expects 2 inputs per sample, got a batch of shape \(4, 3\)"),
    (np.ones((2, 1, 2)), ValueError, r"got a 3-D array of shape \(2, 1, 2\)"),
    (1.0, ValueError, r"got a 0-D array"),
    ([[1.0, np.nan]], ValueError, r"X must be finite, got nan at index \(0, 1\)"),
    ([["a", 1.0]], TypeError, r"X must hold real numbers"),
])
def test_bad_inputs_are_refused(X, error, match):
    with pytest.raises(error, match=match):
        hand_layer().forward(X)


def test_weight_set_to_nan_in_place_is_named_not_called_overflow():
    layer = hand_layer()
    layer.weights[1, 0] = np.nan
    with pytest.raises(ValueError, match=r"weights must be finite, got nan at index \(1, 0\)"):
        layer.forward([[1.0, 1.0]])


def test_overflowing_weighted_sums_raise_a_clear_error_counting_samples():
    """1e308 + 1e308 = inf in the first and third samples, not in the second."""
    layer = Dense(2, 1, "identity", init=(np.ones((2, 1)), [0.0]))
    X = [[1e308, 1e308], [1.0, 1.0], [-1e308, -1e308]]
    with no_floating_point_warnings(), pytest.raises(
            NonFiniteError, match=r"overflowed float64 for 2 sample\(s\)"):
        layer.forward(X)
    assert issubclass(NonFiniteError, ValueError)


# --- backward ------------------------------------------------------------------------------


def test_backward_known_values():
    """Identity layer, X = [[1, 2]], dL/dA = [[1, -2]]:
    delta = [[1, -2]]; dW = X^T delta = [[1, -2], [2, -4]]; db = [1, -2];
    dX = delta W^T = [[1*1 + -2*-1, 1*2 + -2*0.5]] = [[3, 1]]."""
    layer = hand_layer("identity")
    layer.forward([[1.0, 2.0]])
    grad_input = layer.backward([[1.0, -2.0]])
    np.testing.assert_array_equal(layer.grad_weights, [[1.0, -2.0], [2.0, -4.0]])
    np.testing.assert_array_equal(layer.grad_bias, [1.0, -2.0])
    np.testing.assert_array_equal(grad_input, [[3.0, 1.0]])
    assert [g.shape for g in layer.gradients()] == [(2, 2), (2,)]


def test_backward_with_delta_skips_the_activation():
    """delta= is dL/dZ: for a sigmoid layer the same gradients as dL/dA = delta / f'(Z)."""
    X = np.array([[0.5, -1.0], [2.0, 0.0]])
    layer = hand_layer("sigmoid")
    layer.forward(X)
    delta = np.array([[0.1, -0.2], [0.3, 0.4]])
    from_delta = layer.backward(delta=delta)
    grads = [g.copy() for g in layer.gradients()]
    slope = ACTIVATIONS["sigmoid"].derivative(layer.weighted_sums)
    from_grad = layer.backward(delta / slope)
    np.testing.assert_allclose(from_grad, from_delta, rtol=1e-13)
    for a, b in zip(layer.gradients(), grads, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-13)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_backward_matches_central_differences(name):
    """L = sum(A * R) for a fixed random R, so dL/dA = R; softmax takes its Jacobian path."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(5, 3))
    R = rng.normal(size=(5, 4))
    layer = Dense(3, 4, name, rng=4)

    def loss():
        return float(np.sum(layer.forward(X) * R))

    loss()
    grad_input = layer.backward(R)
    analytic = [g.copy() for g in layer.gradients()]
    for p, g in zip(layer.parameters(), analytic, strict=True):
        np.testing.assert_allclose(g, numerical_gradient(loss, p), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(grad_input, numerical_gradient(loss, X), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda layer: layer.backward([[1.0, 1.0]]), ValueError, r"call forward\(X\) first"),
    (lambda layer: layer.gradients(), ValueError, (r"No gradients yet: call forward\(X\), then "
                                                  r"backward")),
])
def test_backward_needs_a_forward_pass(call, error, match):
    with pytest.raises(error, match=match):
        call(hand_layer())


def test_backward_argument_errors():
    layer = hand_layer()
    layer.forward([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(TypeError, match=r"either grad_output \(dL/dA\) or delta= \(dL/dZ\), "
                       r"exactly one"):
        layer.backward()
    with pytest.raises(TypeError, match=r"exactly one"):
        layer.backward(np.ones((2, 2)), delta=np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"grad_output must have the shape of the last forward "
                       r"pass's output, \(2, 2\) \(n_samples, n_outputs\), got \(3, 2\)"):
        layer.backward(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"delta contains NaN"):
        layer.backward(delta=[[np.nan, 0.0], [0.0, 0.0]])
