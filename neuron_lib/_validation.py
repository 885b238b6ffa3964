"""Input checks shared by every public function: clear errors instead of silent wrong answers."""

import math
import numbers

import numpy as np

# bool, signed and unsigned integers, floats: everything that is a real number.
_NUMERIC_KINDS = "biuf"

MAX_INPUTS = 10_000_000
"""The most inputs a neuron may have: its weights alone then take 80 MB (float64). Larger
counts are almost always a mistake (the number of samples, or of pixels times samples) and
would otherwise end in a raw MemoryError or numpy's "maximum allowed dimension exceeded"."""


def _describe(value):
    """Name what arrived, for error messages: `str 'abc'`, `NoneType`, `ndarray of dtype <U3`."""
    if isinstance(value, np.ndarray):
        return f"ndarray of dtype {value.dtype}"
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (str, bytes, numbers.Number)):
        text = repr(value)
        if len(text) > 40:  # 10**400 is not printed with all its 401 digits
            text = f"{text[:20]}…{text[-8:]} ({len(text)} characters)"
        return f"{type(value).__name__} {text}"
    return type(value).__name__


def _is_real(value):
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _first_non_number(values, array):
    """Describe the first entry of `values` that is not a real number."""
    # numpy turns [1.0, "a"] into strings; look at the entries as they were passed.
    try:
        array = np.asarray(values, dtype=object)
    except ValueError:
        pass
    for flat_index, value in enumerate(array.flat):
        if not _is_real(value):
            index = np.unravel_index(flat_index, array.shape) if array.ndim else ()
            position = int(index[0]) if len(index) == 1 else tuple(int(i) for i in index)
            return f"{_describe(value)} at index {position}"
    return f"values of dtype {array.dtype}"


def short_list(values, limit=8):
    """`values` as "[0.274, -0.46, ...]" with at most `limit` shown, for a readable repr.

    >>> short_list([0.5, 1.25])
    '[0.5, 1.25]'
    >>> short_list(range(10), limit=3)
    '[0, 1, 2, ... (10 in all)]'
    """
    values = list(values)
    shown = ", ".join(f"{value:.3g}" for value in values[:limit])
    more = f", ... ({len(values):,} in all)" if len(values) > limit else ""
    return f"[{shown}{more}]"


def as_float_array(values, name="x", *, example=None):
    """Return `values` as a float64 ndarray (a view when already one); raise on non-numbers.

    NaN and infinity are not checked here (see `check_finite`), so that callers can choose
    where that cost is paid.
    """
    if isinstance(values, np.ma.MaskedArray):
        if np.ma.is_masked(values):
            raise TypeError(
                f"{name} is a masked array with masked entries: the mask would be ignored and "
                "the hidden values used. Decide what the masked entries are first: pass "
                f"{name}.filled(value) to replace them, or {name}.compressed() to drop them "
                "(1-D).")
        values = values.data  # nothing is masked: the data are the values
    try:
        array = np.asarray(values)
    except ValueError:  # ragged nested lists
        raise ValueError(
            f"{name} must be rectangular: every sample needs the same number of inputs, got "
            f"rows of different lengths. Check that no value is missing from any row."
        ) from None
    if array.dtype.kind == "O" and all(_is_real(value) for value in array.flat):
        try:
            array = array.astype(np.float64)  # e.g. a pandas column of Python numbers
        except OverflowError:
            raise ValueError(f"{name} holds an integer too large for a float (above about "
                             "1.8e308). Scale your data down.") from None
    if array.dtype.kind not in _NUMERIC_KINDS:
        got = _describe(values) if array.ndim == 0 else (
            f"{type(values).__name__} containing {_first_non_number(values, array)}"
        )
        raise TypeError(
            f"{name} must hold real numbers (int or float), got {got}. "
            "Replace strings, None or other objects with numbers, e.g. "
            f"{example or f'{name}=[0.5, 1.0, 0.0]'}."
        )
    if array.dtype != np.float64:
        if array.dtype.kind == "f" and array.dtype.itemsize > 8:  # longdouble: may not fit
            with np.errstate(over="ignore"):
                converted = array.astype(np.float64)
            if (np.isinf(converted) & ~np.isinf(array)).any():
                raise ValueError(f"{name} holds a value too large for float64 (above about "
                                 "1.8e308). Scale your data down.")
            return converted
        array = array.astype(np.float64)
    return array


def check_finite(array, name="x"):
    """Raise ValueError naming the first NaN or infinite entry of `array`."""
    finite = np.isfinite(array)
    if not finite.all():
        where = tuple(int(i) for i in np.argwhere(~finite)[0])
        position = where[0] if len(where) == 1 else where
        raise ValueError(
            f"{name} must be finite, got {array[where]} at index {position}. "
            "Replace NaN and infinite values before passing them in "
            "(for example drop those samples, or fill them with the feature's mean)."
        )


def check_positive_int(value, name):
    """Return `value` as an int if it is a positive integer (not a bool); raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a positive integer, got {_describe(value)}. "
            f"Pass a whole number such as {name}=3."
        )
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value}. Pass 1 or more.")
    return int(value)


def check_n_inputs(value, name="n_inputs"):
    """Return `value` as an int from 1 to MAX_INPUTS; raise TypeError/ValueError otherwise."""
    value = check_positive_int(value, name)
    if value > MAX_INPUTS:
        raise ValueError(
            f"{name} must be at most {MAX_INPUTS:,}, got {value:,}: the weights alone would "
            f"need {value * 8 / 1e9:,.1f} GB. A neuron has one input per feature of ONE "
            "sample; pass X.shape[1] (the number of columns), not the number of samples "
            "or of values.")
    return value


def check_real_number(value, name):
    """Return `value` as a finite float; raise TypeError/ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}.")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(f"{name} is an integer too large for a float (above about "
                         "1.8e308).") from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}.")
    return value


def check_samples(array, n_inputs, name="x"):
    """Check that `array` is one sample of shape (n_inputs,) or a batch (n_samples, n_inputs)."""
    if array.ndim == 1:
        if array.shape[0] != n_inputs:
            raise ValueError(
                f"Neuron expects {n_inputs} inputs per sample, got {array.shape[0]}. "
                f"Pass one value per weight: {name} of shape ({n_inputs},), "
                f"or a batch of shape (n_samples, {n_inputs})."
            )
    elif array.ndim == 2:
        if array.shape[1] != n_inputs:
            got = array.shape[1]
            raise ValueError(
                f"Neuron expects {n_inputs} inputs per sample, got a batch of shape "
                f"{array.shape} ({got} input{'s' if got != 1 else ''} per sample). "
                f"Pass {name} of shape (n_samples, {n_inputs}): one row per sample, "
                "one column per input."
            )
    else:
        hint = "Pass a single value inside a list, e.g. [0.5]." if array.ndim == 0 else (
            "Reshape your data to (n_samples, n_inputs)."
        )
        raise ValueError(
            f"Neuron expects {name} of shape ({n_inputs},) for one sample or "
            f"(n_samples, {n_inputs}) for a batch, got a {array.ndim}-D array of shape "
            f"{array.shape}. {hint}"
        )


def make_rng(rng):
    """Return a numpy Generator from None, an int seed or a Generator; raise a clear TypeError."""
    if isinstance(rng, bool) or not (
        rng is None
        or isinstance(rng, (numbers.Integral, np.random.Generator, np.random.BitGenerator,
                            np.random.SeedSequence))
    ):
        raise TypeError(
            f"rng must be None, an int seed or a numpy.random.Generator, got {_describe(rng)}. "
            "For reproducible results pass a seed, e.g. rng=42."
        )
    if isinstance(rng, numbers.Integral) and rng < 0:
        raise ValueError(f"rng seed must be a non-negative integer, got {rng}. Try rng=42.")
    return np.random.default_rng(rng)


# --- labels, batches and learning rates (training, losses, metrics) ---------------------


def as_labels(values, name, *, partner=None):
    """Return `values` as a float64 array of 0.0 and 1.0; raise naming the first other value.

    `partner` names the predictions passed beside the true labels (as in ``accuracy(y,
    y_pred)``), so that probabilities in `name` can be taken for swapped arguments.
    """
    _refuse_text_labels(values, name)
    labels = as_float_array(values, name, example=f"{name}=[0, 1, 1]")
    bad = (labels != 0) & (labels != 1)  # NaN counts as bad too
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if labels.ndim else ()
        value = labels[index]
        position = f" at index {index[0] if len(index) == 1 else index}" if index else ""
        map_hint = (" Map your two classes to 0 and 1 first, e.g. y = (labels == 'spam')"
                    ".astype(int), or load the data with load_csv, which does it for you.")
        if 0 < value < 1 and name == "y_pred":
            hint = (" These look like probabilities: turn them into labels with "
                    "predict(neuron, X) or (y_hat >= 0.5).astype(int).")
        elif 0 < value < 1 and partner is not None:
            hint = (f" Did you swap the arguments? The true labels come first, the "
                    f"{partner} second.")
        elif 0 < value < 1:
            hint = (f" That looks like a probability, not a class: {name} holds the true "
                    "class of each sample, 0 or 1.")
        else:
            hint = map_hint
        raise ValueError(f"{name} must hold class labels 0 and 1, got {value}{position}."
                         f"{hint}")
    return labels


def _refuse_text_labels(values, name):
    """Labels given as words ("ham", "spam"): say how to map them to 0 and 1."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must hold class labels 0 and 1, got the text {values!r}. "
                        f"Pass one label per sample, e.g. {name}=[0, 1, 1].")
    if isinstance(values, np.ndarray) and values.dtype.kind not in "OUS":
        return  # an array of numbers: the common case, checked without looking at each value
    try:  # entries as they were passed: numpy would turn [0, "1"] into two strings
        array = np.asarray(values, dtype=object)
    except (ValueError, TypeError):
        return  # ragged, or not an array at all: as_float_array explains
    words = [value for value in array.flat if isinstance(value, (str, np.str_, bytes))]
    if not words:
        return
    classes = sorted({str(word) for word in words})
    index = next(i for i, value in enumerate(array.flat)
                 if isinstance(value, (str, np.str_, bytes)))
    position = np.unravel_index(index, array.shape) if array.ndim else ()
    position = f" at index {position[0] if len(position) == 1 else tuple(map(int, position))}" \
        if position else ""
    positive = classes[-1] if len(classes) == 2 else "spam"
    listed = ", ".join(repr(c) for c in classes[:5]) + (", ..." if len(classes) > 5 else "")
    raise TypeError(
        f"{name} must hold class labels 0 and 1, got the word {str(words[0])!r}{position} "
        f"(classes found: {listed}). Map the two classes to numbers first, e.g. "
        f"{name} = (np.asarray(labels) == {positive!r}).astype(int), which makes "
        f"{positive!r} 1 and the other 0; or load the data with load_csv, which does it "
        "for you.")


def as_batch(X, name="X"):
    """Return X as a finite 2-D float64 array with at least one row."""
    X = as_float_array(X, name)
    if X.ndim != 2:
        hint = ("For a single sample pass [x] (one row)." if X.ndim == 1 else
                "Reshape it to (n_samples, n_features).")
        raise ValueError(f"{name} must be a 2-D array of shape (n_samples, n_features), got "
                         f"{X.ndim}-D shape {X.shape}. {hint}")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} has shape {X.shape}: no samples or no features. Pass at "
                         "least one sample with at least one feature.")
    check_finite(X, name)
    return X


def check_same_length(first, second, first_name, second_name):
    if first.shape != second.shape:
        raise ValueError(
            f"{first_name} and {second_name} must have the same shape (one value per sample), "
            f"got {first.shape} and {second.shape}. Pass {second_name} for the same samples, "
            f"in the same order, as {first_name}."
        )
    if first.size == 0:
        raise ValueError(f"{first_name} and {second_name} are empty. Pass at least one sample.")


def check_labels_for(X, y):
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must have shape ({X.shape[0]},), one label per row of X, got shape {y.shape}. "
            "Pass the labels of the same samples, in the same order."
        )

def check_learning_rate(lr):
    """Return `lr` as a positive finite float; raise TypeError/ValueError otherwise."""
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(f"lr must be a positive number, got {_describe(lr)}. Try lr=0.5.")
    try:
        lr = float(lr)
    except OverflowError:
        raise ValueError("lr (the learning rate) is an integer too large for a float (above "
                         "about 1.8e308); a learning rate is a small step size. Try "
                         "lr=0.5.") from None
    if not math.isfinite(lr) or lr <= 0:
        raise ValueError(
            f"lr (the learning rate) must be a positive finite number, got {lr}. It is the "
            "size of each step downhill: 0 never moves, a negative value climbs the loss "
            "instead. Try lr=0.5."
        )
    return lr
