"""Tests for neuron_lib._validation: what the public API does not already reach.

Most error messages are tested through sigmoid, Neuron etc. (test_activations.py,
test_neuron.py). Here: the `name` argument, return values and types, copy-or-view, the
index format for n-D object arrays, and the branches of `_describe` and `make_rng` that the
public functions do not hit.
"""

import fractions

import numpy as np
import pytest

from neuron_lib._validation import (
    _describe,
    _first_non_number,
    as_float_array,
    check_finite,
    check_positive_int,
    check_real_number,
    check_samples,
    make_rng,
)

# --- as_float_array ------------------------------------------------------------------------


def test_as_float_array_returns_float64_arrays_unchanged_without_copying():
    """Already float64: the same memory comes back (no copy on every call)."""
    values = np.arange(6.0).reshape(2, 3)
    result = as_float_array(values)
    assert np.shares_memory(result, values)
    np.testing.assert_array_equal(result, values)


@pytest.mark.parametrize(
    "values",
    [[1, 2, 3], np.array([1, 2, 3], dtype=np.int32), np.array([1, 2, 3], dtype=np.uint8),
     np.array([1.0, 2.0, 3.0], dtype=np.float32), [True, 2, 3]],
    ids=["list", "int32", "uint8", "float32", "bool-and-int"],
)
def test_as_float_array_converts_real_numbers_to_float64(values):
    """Lists, ints, unsigned, float32 and bools become float64 with the same values."""
    result = as_float_array(values)
    assert result.dtype == np.float64
    np.testing.assert_array_equal(result, [1.0, 2.0, 3.0])


def test_as_float_array_does_not_check_finiteness():
    """NaN and inf pass through: check_finite is a separate, optional step."""
    result = as_float_array([np.nan, np.inf])
    assert np.isnan(result[0]) and result[1] == np.inf


def test_as_float_array_uses_the_given_name():
    """The message and its example use the caller's parameter name."""
    with pytest.raises(TypeError, match=r"^weights must hold real numbers .* e\.g\. weights=\["):
        as_float_array(["a"], "weights")


@pytest.mark.parametrize(
    ("values", "described"),
    [
        (np.array([[1, 2], [None, 3]], dtype=object),
         r"got ndarray containing NoneType at index \(1, 0\)"),
        (np.array([[1.0, "a"]], dtype=object), r"got ndarray containing str 'a' at index \(0, 1\)"),
        (np.array([1.0, True], dtype=object), r"got ndarray containing bool True at index 1"),
        (np.array(None), r"got ndarray of dtype object"),
        ([1.0, 2.0 + 1j], r"got list containing complex \(2\+1j\) at index 1"),
    ],
    ids=["2d-None", "2d-str", "bool-in-object", "0d-object", "complex"],
)
def test_as_float_array_names_the_first_non_number(values, described):
    """n-D arrays get a tuple index; a bool among numbers is not taken for a number."""
    with pytest.raises(TypeError, match=r"x must hold real numbers \(int or float\), " + described):
        as_float_array(values)


def test_first_non_number_falls_back_to_the_dtype():
    """Values holding only numbers have no culprit to name: the dtype is named."""
    values = np.array([1, 2.5], dtype=object)
    assert _first_non_number(values, values) == "values of dtype object"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (np.array([1.0]), "ndarray of dtype float64"),
        (np.float32(1.5), "float 1.5"),  # numpy scalars are described as the Python value
        (np.str_("a"), "str 'a'"),
        ("a", "str 'a'"),
        (b"x", "bytes b'x'"),
        (3, "int 3"),
        (None, "NoneType"),
        ({"a": 1}, "dict"),
    ],
)
def test_describe(value, expected):
    """_describe names what arrived: type and value for scalars, the type name otherwise."""
    assert _describe(value) == expected


# --- check_finite --------------------------------------------------------------------------


def test_check_finite_accepts_finite_arrays():
    """Finite values, including the extremes of float64, pass without an error."""
    assert check_finite(np.array([[np.finfo(np.float64).max, -1e308], [0.0, 5e-324]])) is None


def test_check_finite_names_the_first_bad_entry_in_row_major_order():
    """With several bad entries, the first in C order is named, as a (row, column) pair."""
    array = np.array([[1.0, 2.0, np.inf], [np.nan, 5.0, 6.0]])
    with pytest.raises(ValueError, match=r"^features must be finite, got inf at index \(0, 2\)\."):
        check_finite(array, "features")


# --- check_positive_int --------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 7, np.int64(7), np.uint8(7)], ids=repr)
def test_check_positive_int_returns_a_python_int(value):
    """numpy integers are accepted and come back as plain int."""
    result = check_positive_int(value, "n_inputs")
    assert type(result) is int and result == value


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (np.int64(0), ValueError, r"^n_hidden must be a positive integer, got 0\. Pass 1 or more"),
        (3.0, TypeError, r"^n_hidden must be a positive integer, got float 3\.0\. .* n_hidden=3"),
        (np.bool_(True), TypeError, r"^n_hidden must be a positive integer, got bool True"),
    ],
    ids=["numpy-zero", "whole-float", "numpy-bool"],
)
def test_check_positive_int_rejects(value, error, message):
    """Zero, whole floats and bools are refused; the message uses the given name."""
    with pytest.raises(error, match=message):
        check_positive_int(value, "n_hidden")


# --- check_real_number ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, 1.0), (np.int64(-2), -2.0), (np.float32(0.5), 0.5), (fractions.Fraction(1, 4), 0.25)],
    ids=repr,
)
def test_check_real_number_returns_a_python_float(value, expected):
    """Any finite real number comes back as a plain float."""
    result = check_real_number(value, "lr")
    assert type(result) is float and result == expected


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (1 + 0j, TypeError, r"^lr must be a real number, got complex \(1\+0j\)"),
        (np.bool_(False), TypeError, r"^lr must be a real number, got bool False"),
        (np.float64(np.nan), ValueError, r"^lr must be finite, got nan"),
        (np.inf, ValueError, r"^lr must be finite, got inf"),
    ],
    ids=["complex", "numpy-bool", "nan", "inf"],
)
def test_check_real_number_rejects(value, error, message):
    """Complex numbers, bools and non-finite values are refused, naming the parameter."""
    with pytest.raises(error, match=message):
        check_real_number(value, "lr")


# --- check_samples -------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(4,), (1, 4), (0, 4), (10, 4)], ids=str)
def test_check_samples_accepts_one_sample_or_a_batch(shape):
    """(n_inputs,) and (n_samples, n_inputs) pass, for any n_samples."""
    assert check_samples(np.zeros(shape), 4) is None


@pytest.mark.parametrize(
    ("shape", "message"),
    [
        ((3,), r"Neuron expects 4 inputs per sample, got 3\. .*X of shape \(4,\)"),
        ((2, 5), (r"got a batch of shape \(2, 5\) \(5 inputs per sample\)\. "
                  r"Pass X of shape \(n_samples, 4\)")),
        ((1, 1, 4), r"expects X of shape \(4,\) .* got a 3-D array .* Reshape your data"),
        ((), r"got a 0-D array of shape \(\)\. Pass a single value inside a list"),
    ],
    ids=str,
)
def test_check_samples_messages_use_the_given_name(shape, message):
    """The array's name appears in the fix the message suggests."""
    with pytest.raises(ValueError, match=message):
        check_samples(np.zeros(shape), 4, name="X")


# --- make_rng ------------------------------------------------------------------------------


def test_make_rng_passes_a_generator_through():
    """A Generator is returned itself, so its state is shared with the caller."""
    generator = np.random.default_rng(3)
    assert make_rng(generator) is generator


@pytest.mark.parametrize(
    "seed",
    [5, np.int64(5), np.random.SeedSequence(5), None],
    ids=["int", "numpy-int", "SeedSequence", "None"],
)
def test_make_rng_returns_a_generator(seed):
    """Seeds of every accepted kind give a Generator; equal seeds give equal streams."""
    generator = make_rng(seed)
    assert isinstance(generator, np.random.Generator)
    if seed is not None:
        np.testing.assert_array_equal(generator.random(3), np.random.default_rng(5).random(3))


def test_make_rng_accepts_a_bit_generator():
    """A BitGenerator (e.g. PCG64) is wrapped in a Generator."""
    assert isinstance(make_rng(np.random.PCG64(1)), np.random.Generator)


@pytest.mark.parametrize(
    ("rng", "error", "message"),
    [
        (False, TypeError, r"got bool False"),
        (np.random.RandomState(0), TypeError, r"got RandomState\. .* rng=42"),
        (np.int64(-3), ValueError, r"rng seed must be a non-negative integer, got -3\. Try rng=42"),
    ],
    ids=["bool", "legacy-RandomState", "negative-numpy-int"],
)
def test_make_rng_rejects(rng, error, message):
    """bool is not a seed, the legacy RandomState is not accepted, negative numpy ints fail."""
    with pytest.raises(error, match=message):
        make_rng(rng)
