"""Tests for neuron_lib.activations: sigmoid, relu, tanh, leaky ReLU, their derivatives, the registry."""


import numpy as np
import pytest
from helpers import no_floating_point_warnings
from scipy.special import expit

import neuron_lib
from neuron_lib.style import ACTIVATION_COLORS
from neuron_lib import (
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

ACTIVATIONS = [sigmoid, sigmoid_derivative, relu, relu_derivative, tanh, tanh_derivative,
               leaky_relu, leaky_relu_derivative]
FLOAT64_MAX = np.finfo(np.float64).max
# Below this, expit's result is subnormal (or 0): relative comparisons mean nothing there.
SMALLEST_NORMAL_RESULT = 1e-300
H = 1e-5  # step of the central differences


def central_difference(function, z):
    return (function(z + H) - function(z - H)) / (2 * H)


def test_public_names_are_importable_from_the_package():
    """The four activations are part of neuron_lib's public API."""
    for name in ["sigmoid", "relu", "tanh", "leaky_relu", "sigmoid_derivative",
                 "relu_derivative", "tanh_derivative", "leaky_relu_derivative",
                 "get_activation"]:
        assert name in neuron_lib.__all__
        assert callable(getattr(neuron_lib, name))


# --- sigmoid: values and stability -------------------------------------------------------


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        (1000.0, 1.0),
        (-1000.0, 0.0),  # naive 1 / (1 + exp(1000)) overflows
        (1e308, 1.0),
        (-1e308, 0.0),
        (FLOAT64_MAX, 1.0),
        (-FLOAT64_MAX, 0.0),
        (np.inf, 1.0),
        (-np.inf, 0.0),
    ],
)
def test_sigmoid_extremes_give_limits_without_warning(z, expected):
    """Huge and infinite z saturate to exactly 0 or 1, on the scalar and the array path."""
    with no_floating_point_warnings():
        scalar_result = sigmoid(z)
        array_result = sigmoid(np.array([z, -z]))
    assert scalar_result == expected
    np.testing.assert_array_equal(array_result, [expected, 1.0 - expected])


def test_no_activation_warns_anywhere_in_float64():
    """Every activation is quiet over the whole float64 range, both signs, and +-inf."""
    magnitudes = np.append(np.geomspace(5e-324, 1e308, 5000), FLOAT64_MAX)
    z = np.concatenate([-magnitudes[::-1], [0.0], magnitudes, [np.inf, -np.inf]])
    for function in ACTIVATIONS:
        with no_floating_point_warnings():
            result = function(z)
            scalar_results = [function(float(value)) for value in z[::50]]
        assert not np.isnan(result).any(), function.__name__
        assert not np.isnan(scalar_results).any(), function.__name__


@pytest.mark.parametrize("z", [0, 0.0, -0.0, np.float64(0.0), [0.0], np.zeros((2, 3))])
def test_sigmoid_of_zero_is_exactly_one_half(z):
    """sigmoid(0) == 0.5 with no rounding, for every kind of zero."""
    np.testing.assert_array_equal(sigmoid(z), np.full(np.shape(z), 0.5))


def test_sigmoid_array_matches_scipy_expit():
    """Array path: relative error <= 1e-12 where expit is a normal float; tiny gap below that."""
    z = np.concatenate([np.linspace(-745.0, 710.0, 200_001), [-1e-300, 1e-300, 36.0, 37.0]])
    result = sigmoid(z)
    reference = expit(z)
    normal = reference > SMALLEST_NORMAL_RESULT
    assert normal.sum() > 150_000  # the comparison covers most of the grid
    np.testing.assert_allclose(result[normal], reference[normal], rtol=1e-12, atol=0)
    # Subnormal region (z < -690): digits run out, expit itself returns 0 below about -709;
    # compare absolutely. The results there must still be tiny, not merely finite.
    np.testing.assert_allclose(result[~normal], reference[~normal], rtol=0, atol=1e-300)


@pytest.mark.parametrize(
    "z", [-745.0, -700.0, -50.0, -20.0, -1.5, -1e-10, 1e-10, 0.3, 2.0, 36.0, 40.0, 700.0]
)
def test_sigmoid_scalar_matches_scipy_expit(z):
    """Scalar path (pure Python floats) agrees with expit like the array path does."""
    reference = float(expit(z))
    if reference > SMALLEST_NORMAL_RESULT:
        np.testing.assert_allclose(sigmoid(z), reference, rtol=1e-12, atol=0)
    else:
        np.testing.assert_allclose(sigmoid(z), reference, rtol=0, atol=1e-300)


def test_sigmoid_known_values():
    """Values worked out by hand: 1 / (1 + e^2) with e^2 = 7.38905609893065."""
    # sigmoid(2) = 1 / (1 + 0.1353352832366127) = 0.8807970779778823
    # sigmoid(-2) = 1 - sigmoid(2) = 0.11920292202211755
    np.testing.assert_allclose(sigmoid([-2.0, 2.0]), [0.11920292202211755, 0.8807970779778823],
                               rtol=1e-15)


def test_sigmoid_is_monotone_and_within_unit_interval():
    """On a sorted grid sigmoid never decreases and stays within [0, 1]."""
    z = np.linspace(-800.0, 800.0, 100_001)
    result = sigmoid(z)
    assert np.all(np.diff(result) >= 0)
    assert result.min() >= 0.0
    assert result.max() <= 1.0


# --- relu ----------------------------------------------------------------------------------


def test_relu_known_values():
    """max(0, z): negative and zero go to 0, positive stays."""
    z = [-np.inf, -1e308, -2.0, -0.0, 0.0, 1e-300, 3.0, 1e308, np.inf]
    expected = [0.0, 0.0, 0.0, 0.0, 0.0, 1e-300, 3.0, 1e308, np.inf]
    np.testing.assert_array_equal(relu(z), expected)


def test_relu_matches_numpy_reference():
    """relu agrees with np.maximum(z, 0) on random data of several magnitudes."""
    z = np.random.default_rng(0).normal(scale=10.0, size=(20, 30))
    np.testing.assert_array_equal(relu(z), np.maximum(z, 0.0))


@pytest.mark.parametrize("z", [0, 0.0, -0.0])
def test_relu_derivative_at_zero_is_zero(z):
    """ReLU has no slope at 0; the library's convention is 0, as a scalar and in an array."""
    assert relu_derivative(z) == 0.0
    np.testing.assert_array_equal(relu_derivative([z]), [0.0])


def test_relu_derivative_known_values():
    """1 for z > 0 (however small), 0 for z <= 0."""
    z = [-np.inf, -5.0, -1e-300, 0.0, 1e-300, 2.0, np.inf]
    np.testing.assert_array_equal(relu_derivative(z), [0, 0, 0, 0, 1, 1, 1])


# --- derivatives ---------------------------------------------------------------------------


def test_sigmoid_derivative_matches_central_differences():
    """sigma'(z) ~ (sigma(z + h) - sigma(z - h)) / 2h; the error is O(h^2) + O(eps / h)."""
    z = np.linspace(-10.0, 10.0, 2001)
    np.testing.assert_allclose(
        sigmoid_derivative(z), central_difference(sigmoid, z), rtol=0, atol=1e-9
    )


def test_relu_derivative_matches_central_differences():
    """Away from the kink at 0 the slope of relu is 0 or 1, as the finite differences say."""
    z = np.linspace(-3.0, 3.0, 600)  # even count: symmetric grid that skips 0
    assert np.abs(z).min() > 10 * H  # no difference straddles the kink
    np.testing.assert_allclose(relu_derivative(z), central_difference(relu, z), rtol=0, atol=1e-9)


def test_sigmoid_derivative_equals_s_times_one_minus_s():
    """sigma' = s (1 - s) where that formula is accurate (|z| <= 5: little cancellation)."""
    z = np.linspace(-5.0, 5.0, 1001)
    s = expit(z)
    np.testing.assert_allclose(sigmoid_derivative(z), s * (1.0 - s), rtol=1e-12)


def test_sigmoid_derivative_accurate_in_the_tails():
    """sigma' = sigma(z) sigma(-z) (no cancellation), so the tails keep full relative accuracy."""
    z = np.linspace(-690.0, 690.0, 100_001)
    reference = expit(z) * expit(-z)
    np.testing.assert_allclose(sigmoid_derivative(z), reference, rtol=1e-12, atol=0)


def test_sigmoid_derivative_known_values():
    """Peak 1/4 at 0; sigma'(2) = e^-2 / (1 + e^-2)^2 = 0.10499358540350652."""
    assert sigmoid_derivative(0.0) == 0.25
    np.testing.assert_allclose(sigmoid_derivative([-2.0, 2.0]), [0.10499358540350652] * 2,
                               rtol=1e-14)
    np.testing.assert_array_equal(sigmoid_derivative([-np.inf, np.inf]), [0.0, 0.0])


# --- types and shapes ----------------------------------------------------------------------


@pytest.mark.parametrize("function", ACTIVATIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "z", [0, 3, -2.5, 1e308, np.float64(1.5), np.float32(-0.5), np.int64(2), np.array(0.75)],
    ids=repr,
)
def test_scalar_in_gives_python_float_out(function, z):
    """A scalar (Python, numpy or 0-d array) comes back as a plain Python float."""
    result = function(z)
    assert type(result) is float


@pytest.mark.parametrize("function", ACTIVATIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("shape", [(), (0,), (1,), (7,), (2, 3), (2, 3, 4)], ids=str)
def test_shape_is_kept(function, shape):
    """Output has the input's shape, and each entry equals the scalar result for that entry."""
    z = np.random.default_rng(1).normal(scale=4.0, size=shape)
    result = function(z)
    assert np.shape(result) == shape
    if shape:
        assert isinstance(result, np.ndarray)
        assert result.dtype == np.float64
    expected = np.array([function(float(value)) for value in z.ravel()]).reshape(shape)
    np.testing.assert_allclose(result, expected, rtol=1e-15, atol=0)


@pytest.mark.parametrize("function", ACTIVATIONS, ids=lambda f: f.__name__)
def test_python_lists_are_accepted(function):
    """Nested lists of ints and floats work like the equivalent array."""
    z_list = [[-2, 0, 1], [0.5, -1.5, 3.0]]
    result = function(z_list)
    assert isinstance(result, np.ndarray)
    np.testing.assert_array_equal(result, function(np.array(z_list, dtype=float)))


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("function", ACTIVATIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "z",
    [np.nan, [0.0, np.nan], np.array([[1.0, 2.0], [np.nan, 3.0]])],
    ids=["scalar", "list", "2d"],
)
def test_nan_raises_value_error(function, z):
    """NaN is refused (unlike +-inf), with a hint where it came from."""
    with pytest.raises(ValueError, match=r"z must not contain NaN.*earlier step"):
        function(z)


@pytest.mark.parametrize("function", ACTIVATIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("z", "described"),
    [
        ("abc", r"got str 'abc'"),
        (None, r"got NoneType"),
        ([0.5, None], r"got list containing NoneType at index 1"),
        (["1", "2"], r"got list containing str '1' at index 0"),
        ([1.0, "a"], r"got list containing str"),
        (1 + 2j, r"got complex \(1\+2j\)"),
    ],
    ids=["str", "None", "None-in-list", "str-list", "mixed-list", "complex"],
)
def test_non_numbers_raise_type_error(function, z, described):
    """Strings, None and other non-real values raise TypeError naming what arrived."""
    with pytest.raises(TypeError, match=r"z must hold real numbers \(int or float\), " + described):
        function(z)


# --- inputs are left alone -----------------------------------------------------------------


@pytest.mark.parametrize("function", ACTIVATIONS, ids=lambda f: f.__name__)
def test_input_array_is_not_modified(function):
    """The caller's array is unchanged afterwards, and the result is not a view of it."""
    z = np.random.default_rng(2).normal(scale=10.0, size=(3, 4))
    z[0, 0], z[1, 1], z[2, 2] = np.inf, -np.inf, -0.0
    z_before = z.copy()
    result = function(z)
    np.testing.assert_array_equal(z, z_before)
    assert np.signbit(z[2, 2])  # -0.0 kept its sign: not even overwritten with 0.0
    assert not np.shares_memory(result, z)


# --- tanh and leaky ReLU -------------------------------------------------------------------


def test_tanh_matches_numpy_and_its_sigmoid_identity():
    """tanh(z) = 2 sigma(2z) - 1."""
    z = np.linspace(-20.0, 20.0, 4001)
    np.testing.assert_allclose(tanh(z), np.tanh(z), rtol=0, atol=0)
    np.testing.assert_allclose(tanh(z), 2 * sigmoid(2 * z) - 1, rtol=0, atol=1e-15)
    assert tanh(np.inf) == 1.0 and tanh(-np.inf) == -1.0


def test_tanh_derivative_matches_central_differences_and_the_identity():
    z = np.linspace(-10.0, 10.0, 2001)
    np.testing.assert_allclose(tanh_derivative(z), central_difference(tanh, z), atol=1e-9)
    np.testing.assert_allclose(tanh_derivative(z), 1 - np.tanh(z) ** 2, atol=1e-15)


def test_tanh_derivative_is_accurate_in_the_tails():
    """At z = 30, 1 - tanh^2 cancels to 0 but the slope is 4 e^-60 ~ 3.5e-26."""
    np.testing.assert_allclose(tanh_derivative(30.0), 4 * np.exp(-60.0), rtol=1e-12)
    with no_floating_point_warnings():
        assert tanh_derivative([1e308, -np.inf]).tolist() == [0.0, 0.0]


def test_leaky_relu_known_values():
    # alpha = 0.01: -2 -> -0.02, 0 -> 0, 3 -> 3; alpha = 0.2: -2 -> -0.4.
    np.testing.assert_array_equal(leaky_relu([-2.0, 0.0, 3.0]), [-0.02, 0.0, 3.0])
    np.testing.assert_allclose(leaky_relu(-2.0, alpha=0.2), -0.4)
    np.testing.assert_array_equal(leaky_relu([-1.0, 2.0], alpha=0), relu([-1.0, 2.0]))


def test_leaky_relu_derivative_matches_central_differences_away_from_zero():
    z = np.linspace(-3.0, 3.0, 600)
    for alpha in (0.01, 0.3):
        np.testing.assert_allclose(
            leaky_relu_derivative(z, alpha),
            central_difference(lambda v, a=alpha: leaky_relu(v, a), z), atol=1e-9)
    assert leaky_relu_derivative(0.0) == 0.01


@pytest.mark.parametrize("function", [leaky_relu, leaky_relu_derivative])
@pytest.mark.parametrize(
    ("alpha", "error", "match"),
    [(-0.1, ValueError, r"alpha must be in \[0, 1\), got -0.1"),
     (1.0, ValueError, r"alpha must be in \[0, 1\), got 1.0"),
     ("0.1", TypeError, "alpha must be a number, got str"),
     (True, TypeError, "alpha must be a number, got bool")],
)
def test_leaky_relu_refuses_bad_alpha(function, alpha, error, match):
    with pytest.raises(error, match=match):
        function(1.0, alpha=alpha)


# --- the registry --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "function", "derivative"),
    [("sigmoid", sigmoid, sigmoid_derivative), ("relu", relu, relu_derivative),
     ("tanh", tanh, tanh_derivative), ("leaky_relu", leaky_relu, leaky_relu_derivative)],
)
def test_registry_finds_each_activation_and_its_derivative(name, function, derivative):
    activation = get_activation(name)
    assert activation.name == name
    assert activation.function is function and activation.derivative is derivative
    assert activation.formula.startswith("$") and ACTIVATION_COLORS[name].startswith("#")


def test_registry_lists_all_and_is_read_only():
    assert list(neuron_lib.ACTIVATIONS) == ["sigmoid", "relu", "tanh", "leaky_relu",
                                            "identity", "softmax"]
    with pytest.raises(TypeError):
        neuron_lib.ACTIVATIONS["softplus"] = None


@pytest.mark.parametrize("name", ["softplus", "Sigmoid", None, 3])
def test_unknown_activation_names_list_the_known_ones(name):
    with pytest.raises(ValueError, match=r"Unknown activation .*Choose one of: sigmoid, relu, "
                                         r"tanh, leaky_relu, identity, softmax"):
        get_activation(name)


@pytest.mark.parametrize("z", [-700.0, -709.0, -710.0, -744.0, -746.0, 36.0, 38.0])
def test_scalar_and_array_sigmoid_agree_exactly(z):
    """One formula for both paths: no subnormal from one and 0.0 from the other."""
    assert sigmoid(z) == sigmoid(np.array([z]))[0]
