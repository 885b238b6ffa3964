"""Tests for neuron_lib.neuron.Neuron."""

import inspect
import re

import numpy as np
import pytest
from helpers import no_floating_point_warnings
from scipy import stats
from scipy.special import expit

from neuron_lib import Dense, Neuron

# The hand-checked neuron of most tests: w = [0.5, -1.0, 2.0], b = 0.25.
WEIGHTS = [0.5, -1.0, 2.0]
BIAS = 0.25


def make_neuron(weights=WEIGHTS, bias=BIAS):
    """A neuron with the given weights and bias (the random start is overwritten)."""
    neuron = Neuron(len(weights), rng=0)
    neuron.weights = weights
    neuron.bias = bias
    return neuron


# --- construction --------------------------------------------------------------------------


@pytest.mark.parametrize("n_inputs", [1, 3, 10, np.int64(4)])
def test_new_neuron_has_one_weight_per_input_and_a_float_bias(n_inputs):
    """weights: float64 ndarray of shape (n_inputs,); bias: Python float; n_inputs: int."""
    neuron = Neuron(n_inputs, rng=0)
    assert type(neuron.n_inputs) is int and neuron.n_inputs == n_inputs
    assert isinstance(neuron.weights, np.ndarray)
    assert neuron.weights.shape == (n_inputs,)
    assert neuron.weights.dtype == np.float64
    assert type(neuron.bias) is float


def test_initial_values_are_uniform_on_minus_one_one():
    """Over 2000 seeds, weights and biases lie in [-1, 1] and look like U[-1, 1]."""
    neurons = [Neuron(5, rng=seed) for seed in range(2000)]
    weights = np.concatenate([neuron.weights for neuron in neurons])
    biases = np.array([neuron.bias for neuron in neurons])
    for values in (weights, biases):
        assert values.min() >= -1.0 and values.max() <= 1.0
        assert values.min() < -0.99 and values.max() > 0.99  # the whole interval, not half
        # Kolmogorov-Smirnov against U[-1, 1] (loc=-1, scale=2); the seeds are fixed, so
        # this is deterministic: it fails for U[0, 1], N(0, 0.5), U[-0.5, 0.5] ...
        assert stats.kstest(values, "uniform", args=(-1.0, 2.0)).pvalue > 1e-3


def test_same_int_seed_gives_the_same_neuron():
    """rng=7 twice: identical weights and bias."""
    first, second = Neuron(4, rng=7), Neuron(4, rng=7)
    np.testing.assert_array_equal(first.weights, second.weights)
    assert first.bias == second.bias


def test_generator_is_accepted_and_advanced():
    """A Generator is used as is: same stream as its seed; two neurons from it differ."""
    generator = np.random.default_rng(7)
    first = Neuron(4, rng=generator)
    second = Neuron(4, rng=generator)
    from_seed = Neuron(4, rng=7)
    np.testing.assert_array_equal(first.weights, from_seed.weights)
    assert first.bias == from_seed.bias
    assert not np.array_equal(first.weights, second.weights)


def test_different_seeds_give_different_neurons():
    """50 seeds, 50 different sets of weights and 50 different biases."""
    neurons = [Neuron(3, rng=seed) for seed in range(50)]
    assert len({tuple(neuron.weights) for neuron in neurons}) == 50
    assert len({neuron.bias for neuron in neurons}) == 50


def test_no_seed_gives_fresh_randomness():
    """rng=None: two neurons differ (equal only with probability ~0)."""
    assert not np.array_equal(Neuron(8).weights, Neuron(8).weights)


def test_rng_is_keyword_only():
    """Neuron(3, 0) is refused, so a seed is never mistaken for another argument."""
    assert inspect.signature(Neuron).parameters["rng"].kind is inspect.Parameter.KEYWORD_ONLY
    with pytest.raises(TypeError, match=r"takes 2 positional arguments but 3 were given"):
        Neuron(3, 0)


# --- weighted_sum and activate -------------------------------------------------------------


def test_single_sample_known_values():
    """One sample of shape (n_inputs,) gives a Python float; values worked out by hand."""
    neuron = make_neuron()
    x = [1.0, 2.0, 0.5]
    # z = 0.5*1 + (-1)*2 + 2*0.5 + 0.25 = 0.5 - 2 + 1 + 0.25 = -0.25
    # y_hat = 1 / (1 + e^0.25) = 1 / (1 + 1.2840254166877414) = 0.43782349911420193
    z = neuron.weighted_sum(x)
    y_hat = neuron.activate(x)
    assert type(z) is float
    assert type(y_hat) is float
    np.testing.assert_allclose(z, -0.25, rtol=1e-15)
    np.testing.assert_allclose(y_hat, 0.43782349911420193, rtol=1e-15)


def test_batch_known_values():
    """A batch of shape (n_samples, n_inputs) gives an ndarray of shape (n_samples,)."""
    neuron = make_neuron()
    X = np.array([[1.0, 2.0, 0.5], [0.0, 0.0, 0.0], [2.0, 0.0, 1.0]])
    # z = [-0.25 (as above), 0 + 0.25 = 0.25, 0.5*2 + 0 + 2*1 + 0.25 = 3.25]
    # y_hat = [0.43782349911420193,
    #          1 / (1 + e^-0.25) = 1 / (1 + 0.7788007830714049) = 0.5621765008857981,
    #          1 / (1 + e^-3.25) = 1 / (1 + 0.03877420783172201) = 0.9626731126558706]
    z = neuron.weighted_sum(X)
    y_hat = neuron.activate(X)
    for result in (z, y_hat):
        assert isinstance(result, np.ndarray)
        assert result.shape == (3,)
    np.testing.assert_allclose(z, [-0.25, 0.25, 3.25], rtol=1e-15)
    np.testing.assert_allclose(
        y_hat, [0.43782349911420193, 0.5621765008857981, 0.9626731126558706], rtol=1e-15
    )


@pytest.mark.parametrize("n_samples", [1, 2, 17])
def test_batch_shape_follows_n_samples(n_samples):
    """Even a batch of one row gives an array of shape (n_samples,), not a float."""
    X = np.ones((n_samples, 3))
    assert make_neuron().activate(X).shape == (n_samples,)
    assert make_neuron().weighted_sum(X).shape == (n_samples,)


@pytest.mark.parametrize("seed", range(5))
def test_activate_matches_reference_formula(seed):
    """activate(x) == expit(np.dot(weights, x) + bias), one sample and batch, random neuron."""
    rng = np.random.default_rng(100 + seed)
    neuron = Neuron(6, rng=seed)
    X = rng.normal(scale=3.0, size=(10, 6))
    expected = expit(X @ neuron.weights + neuron.bias)
    np.testing.assert_allclose(neuron.activate(X), expected, rtol=1e-12)
    for x, expected_one in zip(X, expected, strict=True):
        np.testing.assert_allclose(neuron.activate(x), expected_one, rtol=1e-12)
        np.testing.assert_allclose(
            neuron.weighted_sum(x), np.dot(neuron.weights, x) + neuron.bias, rtol=1e-12, atol=1e-14
        )


def test_lists_and_ints_are_accepted_as_x():
    """x may be a list of ints; it is treated as floats."""
    neuron = make_neuron()
    # z = 0.5*2 + (-1)*1 + 2*0 + 0.25 = 0.25
    np.testing.assert_allclose(neuron.weighted_sum([2, 1, 0]), 0.25, rtol=1e-15)
    np.testing.assert_allclose(neuron.activate([[2, 1, 0]]), [0.5621765008857981], rtol=1e-15)


def test_repr_names_class_inputs_weights_and_bias():
    """repr tells what the neuron is: its class, n_inputs, weights and bias."""
    text = repr(make_neuron(weights=[0.5, -1.25], bias=0.1))
    assert text.startswith("Neuron(")
    assert "n_inputs=2" in text
    assert re.search(r"weights=\[0\.5, -1\.25\]", text), text
    assert re.search(r"bias=0\.1\b", text), text


# --- assigning weights and bias ------------------------------------------------------------


def test_assigned_weights_and_bias_are_used():
    """After assignment, the neuron computes with the new values."""
    neuron = make_neuron()
    neuron.weights = [1, 1, 1]  # ints are fine
    neuron.bias = -1
    assert neuron.weights.dtype == np.float64
    assert type(neuron.bias) is float
    # z = 1 + 2 + 0.5 - 1 = 2.5
    np.testing.assert_allclose(neuron.weighted_sum([1.0, 2.0, 0.5]), 2.5, rtol=1e-15)


@pytest.mark.parametrize(
    ("weights", "shape"),
    [([1.0, 2.0], r"\(2,\)"), ([1.0, 2.0, 3.0, 4.0], r"\(4,\)"), ([[1.0, 2.0, 3.0]], r"\(1, 3\)"),
     (5.0, r"\(\)")],
)
def test_weights_of_the_wrong_shape_raise(weights, shape):
    """The message gives the expected shape (3,) and the shape that arrived."""
    neuron = make_neuron()
    with pytest.raises(ValueError, match=r"weights must have shape \(3,\).*got shape " + shape):
        neuron.weights = weights
    np.testing.assert_array_equal(neuron.weights, WEIGHTS)  # the old weights stay


@pytest.mark.parametrize(
    ("weights", "bad", "index"), [([0.0, np.nan, 1.0], "nan", 1), ([0.0, 1.0, np.inf], "inf", 2)]
)
def test_non_finite_weights_raise(weights, bad, index):
    """NaN or inf weights are refused, naming the bad entry and its index."""
    neuron = make_neuron()
    with pytest.raises(ValueError, match=rf"weights must be finite, got {bad} at index {index}"):
        neuron.weights = weights
    np.testing.assert_array_equal(neuron.weights, WEIGHTS)


def test_non_number_weights_raise_type_error():
    """Strings in weights raise TypeError."""
    with pytest.raises(TypeError, match=r"weights must hold real numbers.*str 'a' at index 0"):
        make_neuron().weights = ["a", "b", "c"]


@pytest.mark.parametrize(
    ("bias", "error", "message"),
    [
        ("abc", TypeError, r"bias must be a real number, got str 'abc'"),
        (None, TypeError, r"bias must be a real number, got NoneType"),
        ([0.5], TypeError, r"bias must be a real number, got list"),
        (True, TypeError, r"bias must be a real number, got bool True"),
        (np.nan, ValueError, r"bias must be finite, got nan"),
        (-np.inf, ValueError, r"bias must be finite, got -inf"),
    ],
)
def test_invalid_bias_raises(bias, error, message):
    """A bias must be one finite real number; the old bias stays after a failed assignment."""
    neuron = make_neuron()
    with pytest.raises(error, match=message):
        neuron.bias = bias
    assert neuron.bias == BIAS


def test_changing_the_callers_weights_afterwards_does_not_move_the_neuron():
    """The neuron keeps its own copy of assigned weights."""
    weights = np.array([0.5, -1.0, 2.0])
    neuron = make_neuron(weights=weights)
    before = neuron.activate([1.0, 2.0, 0.5])
    weights[:] = 99.0
    np.testing.assert_array_equal(neuron.weights, WEIGHTS)
    assert neuron.activate([1.0, 2.0, 0.5]) == before


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n_inputs", "error", "message"),
    [
        (0, ValueError, r"n_inputs must be a positive integer, got 0\. Pass 1 or more"),
        (-1, ValueError, r"n_inputs must be a positive integer, got -1\. Pass 1 or more"),
        (2.5, TypeError, r"n_inputs must be a positive integer, got float 2\.5"),
        ("3", TypeError, r"n_inputs must be a positive integer, got str '3'"),
        (None, TypeError, r"n_inputs must be a positive integer, got NoneType"),
        (True, TypeError, r"n_inputs must be a positive integer, got bool True"),
    ],
)
def test_invalid_n_inputs_raises(n_inputs, error, message):
    """n_inputs must be a positive int; the message names what arrived."""
    with pytest.raises(error, match=message):
        Neuron(n_inputs, rng=0)


@pytest.mark.parametrize(
    ("rng", "error", "message"),
    [
        ("abc", TypeError, (r"rng must be None, an int seed or a numpy\.random\.Generator, "
                            r"got str 'abc'")),
        (1.5, TypeError, r"rng must be None, an int seed .* got float 1\.5"),
        (-1, ValueError, r"rng seed must be a non-negative integer, got -1"),
    ],
)
def test_invalid_rng_raises(rng, error, message):
    """rng must be None, a non-negative int seed or a Generator."""
    with pytest.raises(error, match=message):
        Neuron(3, rng=rng)


@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
@pytest.mark.parametrize("length", [0, 2, 4])
def test_sample_of_the_wrong_length_raises(method, length):
    """The message gives the expected count (3) and the received one."""
    with pytest.raises(ValueError, match=rf"Neuron expects 3 inputs per sample, got {length}\."):
        getattr(make_neuron(), method)(np.ones(length))


@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
@pytest.mark.parametrize(
    ("x", "message"),
    [
        (1.0, r"got a 0-D array of shape \(\)\. Pass a single value inside a list"),
        (np.float64(1.0), r"got a 0-D array of shape \(\)"),
        (np.ones((2, 1, 3)), r"got a 3-D array of shape \(2, 1, 3\)\. Reshape your data"),
    ],
    ids=["float", "numpy-scalar", "3d"],
)
def test_x_of_the_wrong_dimensionality_raises(method, x, message):
    """x must be 1-D (one sample) or 2-D (a batch); the message shows what arrived."""
    with pytest.raises(ValueError, match=r"Neuron expects x of shape \(3,\) .*" + message):
        getattr(make_neuron(), method)(x)


@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
def test_batch_with_the_wrong_number_of_columns_raises(method):
    """A batch must have one column per weight; the message gives 3 and the columns received."""
    with pytest.raises(
        ValueError,
        match=r"Neuron expects 3 inputs per sample, got a batch of shape \(4, 2\) "
              r"\(2 inputs per sample\)",
    ):
        getattr(make_neuron(), method)(np.ones((4, 2)))


@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
@pytest.mark.parametrize(
    ("x", "bad", "index"),
    [
        ([1.0, np.nan, 0.0], "nan", "1"),
        ([1.0, 0.0, np.inf], "inf", "2"),
        ([-np.inf, 0.0, 1.0], "-inf", "0"),
        ([[1.0, 2.0, 3.0], [4.0, 5.0, np.nan]], "nan", r"\(1, 2\)"),
        ([[1.0, -np.inf, 3.0], [4.0, 5.0, 6.0]], "-inf", r"\(0, 1\)"),
    ],
    ids=["nan", "inf", "-inf", "batch-nan", "batch-inf"],
)
def test_non_finite_x_raises_naming_the_index(method, x, bad, index):
    """NaN and +-inf in x are refused; the message names the value and where it is."""
    with pytest.raises(ValueError, match=rf"x must be finite, got {bad} at index {index}\."):
        getattr(make_neuron(), method)(x)


@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
def test_nan_in_x_with_zero_weight_still_raises(method):
    """A NaN input is refused even where its weight is 0 (nan * 0 is still nan)."""
    neuron = make_neuron(weights=[1.0, 0.0, 1.0])
    with pytest.raises(ValueError, match=r"x must be finite, got nan at index 1"):
        getattr(neuron, method)([1.0, np.nan, 1.0])


@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
@pytest.mark.parametrize(
    ("x", "described"),
    [
        ("abc", r"got str 'abc'"),
        (None, r"got NoneType"),
        ([1.0, None, 0.0], r"got list containing NoneType at index 1"),
        (["1", "2", "3"], r"got list containing str '1' at index 0"),
        ([[1.0, 2.0, 3.0], [4.0, "a", 6.0]], r"got list containing str"),
    ],
    ids=["str", "None", "None-in-list", "str-list", "str-in-batch"],
)
def test_non_numbers_in_x_raise_type_error(method, x, described):
    """Strings and None in x raise TypeError naming what arrived."""
    with pytest.raises(TypeError, match=r"x must hold real numbers \(int or float\), " + described):
        getattr(make_neuron(), method)(x)


# --- overflow ------------------------------------------------------------------------------

# Each product 2 * (+-1e308) = +-2e308 is beyond float64's max (1.8e308): evaluated term by
# term the weighted sum is inf + (-inf) = NaN, although the exact sum is 0.
OPPOSITE_OVERFLOWS = [1e308, -1e308]


@pytest.mark.parametrize(
    "x",
    [OPPOSITE_OVERFLOWS, [OPPOSITE_OVERFLOWS], [OPPOSITE_OVERFLOWS, OPPOSITE_OVERFLOWS]],
    ids=["single", "batch-of-1", "batch-of-2"],
)
@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
def test_inf_minus_inf_weighted_sum_raises_overflow_error(method, x):
    """w = [2, 2], x = [1e308, -1e308]: terms +inf and -inf, so no answer can be trusted.

    The only honest outcome is the overflow error; returning 1.0 (or 0.0) would be a
    confident wrong answer for a sample whose exact weighted sum is 0 (sigmoid 0.5).
    """
    neuron = make_neuron(weights=[2.0, 2.0], bias=0.0)
    with pytest.raises(ValueError, match=r"weighted sum overflowed float64.*Scale your inputs"):
        result = getattr(neuron, method)(x)
        pytest.fail(f"no error: {method}({x}) returned {result!r}; the exact weighted sum is 0")


@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
def test_nan_weighted_sum_raises_and_counts_the_samples(method):
    """16 alternating terms +-2e308 sum to NaN; the message counts the bad samples (2 of 3).

    16 terms, so that numpy's dot / matmul (SIMD lanes, several accumulators) really meets
    an inf and a -inf and returns NaN; this exercises the message of the NaN branch.
    """
    overflowing = [1e308, -1e308] * 8
    neuron = make_neuron(weights=[2.0] * 16, bias=0.0)
    with pytest.raises(ValueError, match=r"overflowed float64 for 2 sample\(s\)"):
        getattr(neuron, method)([overflowing, [1.0] * 16, overflowing])
    with pytest.raises(ValueError, match=r"overflowed float64 for 1 sample\(s\)"):
        getattr(neuron, method)(overflowing)


def test_large_but_representable_terms_that_cancel_are_fine():
    """w = [1, 1], x = [1e308, -1e308]: no term overflows, z = 0 exactly, y_hat = 0.5."""
    neuron = make_neuron(weights=[1.0, 1.0], bias=0.0)
    with no_floating_point_warnings():
        assert neuron.activate(OPPOSITE_OVERFLOWS) == 0.5
        np.testing.assert_array_equal(neuron.activate([OPPOSITE_OVERFLOWS]), [0.5])


@pytest.mark.parametrize(
    ("x", "bias"),
    [
        ([1e308, 1e308], 0.0),     # 1e308 + 1e308 = 2e308 > max
        ([-1e308, -1e308], 0.0),   # -2e308
        ([1e308, 0.0], 1e308),     # the bias pushes it over
    ],
)
@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
def test_sum_beyond_float64_raises_instead_of_guessing(method, x, bias):
    """A weighted sum beyond float64's range is refused, single or in a batch.

    BLAS may return inf, -inf or NaN for such a sum depending on the batch it sits in, so
    the neuron says so (no warning, no guessed 0 or 1) and names the number of samples.
    """
    neuron = make_neuron(weights=[1.0, 1.0], bias=bias)
    with pytest.raises(ValueError, match=r"overflowed float64 for 1 sample\(s\)"):
        getattr(neuron, method)(x)
    with pytest.raises(ValueError, match=r"overflowed float64 for 1 sample\(s\)"):
        getattr(neuron, method)([x, [0.0, 0.0]])


def test_weights_edited_in_place_to_nan_are_named():
    """neuron.weights[0] = nan bypasses the setter; activate then blames the weights."""
    neuron = make_neuron(weights=[1.0, 1.0])
    neuron.weights[1] = np.nan
    with pytest.raises(ValueError, match="weights must be finite, got nan at index 1"):
        neuron.activate([0.5, 0.5])
    with pytest.raises(ValueError, match="weights must be finite, got nan at index 1"):
        neuron.activate([[0.5, 0.5]])


def test_ragged_batch_gets_a_clear_error():
    with pytest.raises(ValueError, match="x must be rectangular: every sample needs the same"):
        make_neuron().activate([[1.0, 2.0, 3.0], [1.0, 2.0]])


def test_mixed_list_names_the_string_not_the_numbers():
    """numpy turns [0.5, "a", 1.0] into strings; the message still points at "a", index 1."""
    with pytest.raises(TypeError, match=r"got list containing str 'a' at index 1"):
        make_neuron().activate([0.5, "a", 1.0])


def test_object_array_of_numbers_is_accepted():
    x = np.array([0.5, 1, 2.0], dtype=object)
    neuron = make_neuron()
    assert neuron.activate(x) == neuron.activate(x.astype(float))


# --- inputs are left alone -----------------------------------------------------------------


@pytest.mark.parametrize("method", ["activate", "weighted_sum"])
@pytest.mark.parametrize(
    "x",
    [np.array([1.0, -0.0, 2.5]), np.array([[1.0, -0.0, 3.0], [-4.0, 5.0, 6.0]]),
     np.array([1, 2, 3]), np.array([[1e308, 1e308, 0.0]])],
    ids=["single", "batch", "int", "overflowing"],
)
def test_x_is_not_modified(method, x):
    """The caller's x has the same values (and dtype) afterwards."""
    x_before = x.copy()
    getattr(make_neuron(), method)(x)
    np.testing.assert_array_equal(x, x_before)
    assert x.dtype == x_before.dtype
    assert np.signbit(x.flat[1]) == np.signbit(x_before.flat[1])


def test_assigned_weights_array_is_not_modified():
    """Assigning weights reads the caller's array and leaves it as it was."""
    weights = np.array([3, -2, 1])  # ints: converted for the neuron, not in place
    neuron = make_neuron()
    neuron.weights = weights
    np.testing.assert_array_equal(weights, [3, -2, 1])
    assert weights.dtype.kind == "i"


def test_n_inputs_is_read_only():
    neuron = make_neuron()
    with pytest.raises(AttributeError):
        neuron.n_inputs = 5
    assert neuron.n_inputs == len(WEIGHTS)


@pytest.mark.parametrize("where", ["x", "bias"])
def test_integers_too_large_for_a_float_get_a_clear_error(where):
    neuron = make_neuron(weights=[1.0, 1.0])
    with pytest.raises(ValueError, match="integer too large for a float"):
        if where == "x":
            neuron.activate([1, 10**400])
        else:
            neuron.bias = 10**400


# --- a Neuron is a one-output sigmoid Dense layer underneath -------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_neuron_and_dense_layer_agree(seed):
    """Neuron(n, rng=s) and Dense(n, 1, "sigmoid", rng=s): the same start, the same outputs."""
    rng = np.random.default_rng(200 + seed)
    n_inputs = 1 + seed
    neuron, layer = Neuron(n_inputs, rng=seed), Dense(n_inputs, 1, "sigmoid", rng=seed)
    np.testing.assert_array_equal(neuron.weights, layer.weights[:, 0])
    assert neuron.bias == layer.bias[0]
    X = rng.normal(scale=3.0, size=(20, n_inputs))
    # A batch goes through the same kernel and the same sigmoid: equal to the last bit.
    np.testing.assert_array_equal(neuron.activate(X), layer.forward(X)[:, 0])
    np.testing.assert_array_equal(neuron.forward(X), layer.forward(X))
    for x in X:  # one sample: Python-float arithmetic, within rounding
        np.testing.assert_allclose(neuron.activate(x), layer.forward(x)[0], rtol=1e-15)


def test_neuron_keeps_its_parameters_in_its_layer():
    neuron = make_neuron()
    layer = neuron.layer
    assert isinstance(layer, Dense) and (layer.n_inputs, layer.n_outputs) == (3, 1)
    assert layer.activation == "sigmoid"
    np.testing.assert_array_equal(layer.weights[:, 0], WEIGHTS)
    np.testing.assert_array_equal(layer.bias, [BIAS])
    layer.weights[2, 0] = -3.0  # a change of the layer is a change of the neuron
    assert neuron.weights[2] == -3.0
    neuron.bias = 1.5  # and the other way round
    assert layer.bias[0] == 1.5
    with pytest.raises(AttributeError):
        neuron.layer = Dense(3, 1)


def test_neuron_parameters_are_views_an_optimiser_can_move():
    neuron = make_neuron()
    weights, bias = neuron.parameters()
    assert weights.shape == (3,) and bias.shape == (1,)
    assert [name for name, _ in neuron.named_parameters()] == ["weights", "bias"]
    weights -= 0.5
    bias -= 1.0
    np.testing.assert_array_equal(neuron.weights, np.array(WEIGHTS) - 0.5)
    assert neuron.bias == BIAS - 1.0


def test_neuron_backward_is_the_layers_backward():
    """With delta = y_hat - y over n (binary cross-entropy), the gradients are those of
    lesson 03's formula X^T (y_hat - y) / n and mean(y_hat - y)."""
    neuron = make_neuron()
    X = np.array([[1.0, 2.0, 0.5], [0.0, 1.0, -1.0], [2.0, 0.0, 1.0]])
    y = np.array([1.0, 0.0, 1.0])
    y_hat = neuron.forward(X)
    assert y_hat.shape == (3, 1) and neuron.output_layer is neuron.layer
    grad_input = neuron.backward(delta=(y_hat - y[:, None]) / 3)
    grad_weights, grad_bias = neuron.gradients()
    error = neuron.activate(X) - y
    np.testing.assert_allclose(grad_weights, X.T @ error / 3, rtol=1e-14)
    np.testing.assert_allclose(grad_bias, [np.mean(error)], rtol=1e-14)
    assert grad_input.shape == (3, 3)


def test_neuron_reset_draws_like_a_new_neuron():
    neuron = make_neuron()
    assert neuron.reset(7) is neuron
    fresh = Neuron(3, rng=7)
    np.testing.assert_array_equal(neuron.weights, fresh.weights)
    assert neuron.bias == fresh.bias


@pytest.mark.parametrize("n_inputs", [10**12, 10**20])
def test_an_absurd_number_of_inputs_gets_a_clear_error_not_a_memory_error(n_inputs):
    with pytest.raises(ValueError, match="n_inputs"):
        Neuron(n_inputs)


def test_repr_of_a_wide_neuron_stays_one_short_line():
    # K2 of the robustness review: 10,000 weights made a 74,929-character repr.
    neuron = Neuron(10_000, rng=0)
    text = repr(neuron)
    assert len(text) < 200, text
    shown = ", ".join(f"{w:.3g}" for w in neuron.weights[:8])
    assert text == (f"Neuron(n_inputs=10000, weights=[{shown}, ... (10,000 in all)], "
                    f"bias={neuron.bias:.3g})")
    assert "..." not in repr(Neuron(8, rng=0))  # eight weights are all shown
