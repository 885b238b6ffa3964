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
    MAX_INPUTS,
    _describe,
    _first_non_number,
    as_float_array,
    as_labels,
    check_finite,
    check_learning_rate,
    check_n_inputs,
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


# --- hostile input (review F7, F9, U1, U2, U8, U11, C9, C12) --------------------------------


def test_masked_array_with_masked_entries_is_refused_with_a_hint():
    """F7: the mask was dropped and the hidden value used (sigmoid of 1e300, or a NaN error
    about a value the learner had masked)."""
    for hidden in (1e300, np.nan):
        with pytest.raises(TypeError, match=r"x is a masked array with masked entries: the "
                                            r"mask would be ignored.*x\.filled\(value\).*"
                                            r"x\.compressed\(\)"):
            as_float_array(np.ma.array([-1.0, hidden], mask=[False, True]))


def test_masked_array_that_masks_nothing_is_its_data():
    result = as_float_array(np.ma.array([1.0, 2.0], mask=[False, False]))
    assert type(result) is np.ndarray and result.tolist() == [1.0, 2.0]


def test_longdouble_beyond_float64_is_refused_without_a_warning():
    """F9: turned into inf with 'RuntimeWarning: overflow encountered in cast'."""
    with pytest.raises(ValueError, match=r"z holds a value too large for float64 \(above about "
                                         r"1\.8e308\)"):
        as_float_array(np.array([np.longdouble("1e400")]), "z")


def test_longdouble_within_float64_is_converted():
    values = np.array([np.longdouble("1e300"), np.longdouble("-inf"), np.longdouble(0.5)])
    np.testing.assert_array_equal(as_float_array(values), [1e300, -np.inf, 0.5])


@pytest.mark.parametrize(("labels", "match"), [
    (["ham", "spam"], (r"y must hold class labels 0 and 1, got the word 'ham' at index 0 "
                      r"\(classes found: 'ham', 'spam'\)\. Map the two classes to numbers "
                      r"first, e\.g\. y = \(np\.asarray\(labels\) == 'spam'\)\.astype\(int\)")),
    (np.array(["no", "yes", "no"]), r"got the word 'no' at index 0 .*== 'yes'"),
    ([0, "1"], r"got the word '1' at index 1"),
    ("spam", r"got the text 'spam'\. Pass one label per sample, e\.g\. y=\[0, 1, 1\]"),
])
def test_string_labels_get_the_mapping_hint(labels, match):
    """U1: the old advice, "e.g. y=[0.5, 1.0, 0.0]", is then refused for not being 0 or 1."""
    with pytest.raises(TypeError, match=match):
        as_labels(labels, "y")


def test_none_among_labels_gets_a_label_example():
    with pytest.raises(TypeError, match=r"NoneType at index 1\. .* e\.g\. y=\[0, 1, 1\]\.$"):
        as_labels([0, None, 1], "y")


def test_probabilities_as_y_are_not_called_swapped_arguments_without_a_partner():
    """U2: train(neuron, X, [0, 0.5]) has no (y, y_pred) pair to swap."""
    with pytest.raises(ValueError, match=r"got 0\.5 at index 1\. That looks like a "
                                         r"probability, not a class") as error:
        as_labels([0, 0.5], "y")
    assert "swap" not in str(error.value)
    with pytest.raises(ValueError, match=r"Did you swap the arguments\? The true labels come "
                                         r"first, the y_pred second"):
        as_labels([0, 0.5], "y", partner="y_pred")


def test_metrics_still_ask_about_swapped_arguments():
    from neuron_lib.metrics import accuracy

    with pytest.raises(ValueError, match=r"Did you swap the arguments\?"):
        accuracy([0.2, 0.9], [0, 1])


def test_numeric_labels_pass_without_a_per_value_scan():
    labels = np.tile([0.0, 1.0], 5)
    np.testing.assert_array_equal(as_labels(labels, "y"), labels)


@pytest.mark.parametrize(("lr", "error", "match"), [
    (10**400, ValueError, r"lr \(the learning rate\) is an integer too large for a float"),
    (float("nan"), ValueError, r"must be a positive finite number, got nan"),
    ("0.5", TypeError, r"lr must be a positive number, got str '0\.5'"),
])
def test_check_learning_rate(lr, error, match):
    """C9: lr=10**400 gave a raw 'OverflowError: int too large to convert to float'."""
    with pytest.raises(error, match=match):
        check_learning_rate(lr)


def test_describe_cuts_huge_numbers():
    """U8: alpha=10**400 printed all 401 digits."""
    text = _describe(10**400)
    assert text.startswith("int 10000") and "(401 characters)" in text and len(text) < 70


def test_check_samples_says_input_for_one():
    """U11: "(1 inputs per sample)"."""
    with pytest.raises(ValueError, match=r"\(1 input per sample\)"):
        check_samples(np.zeros((2, 1)), 3)


@pytest.mark.parametrize(("value", "error", "match"), [
    (10**12, ValueError, (r"n_inputs must be at most 10,000,000, got 1,000,000,000,000: the "
                         r"weights alone would need 8,000\.0 GB\. A neuron has one input per "
                         r"feature of ONE sample")),
    (10**20, ValueError, r"got 100,000,000,000,000,000,000"),
    (0, ValueError, r"n_inputs must be a positive integer, got 0"),
    (2.0, TypeError, r"n_inputs must be a positive integer, got float 2\.0"),
])
def test_check_n_inputs_bounds_the_size_of_a_neuron(value, error, match):
    """C12: Neuron(10**12) gave 'MemoryError: Unable to allocate 7.28 TiB', Neuron(10**20)
    'Maximum allowed dimension exceeded'. (neuron.py is to call this check.)"""
    with pytest.raises(error, match=match):
        check_n_inputs(value)
    assert check_n_inputs(MAX_INPUTS) == MAX_INPUTS
