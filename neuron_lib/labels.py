"""Class labels: checked as whole numbers 0, 1, ..., K - 1, and turned into one-hot rows.

Shared by :mod:`neuron_lib.losses` (categorical cross-entropy wants one-hot targets) and
:mod:`neuron_lib.metrics` (accuracy and the confusion matrix of several classes).
"""

import numbers

import numpy as np

from ._validation import _describe, as_float_array

__all__ = ["class_labels", "one_hot"]


def one_hot(y, n_classes=None):
    """Turn class labels 0, 1, ..., K - 1 into rows with a 1 in the label's column.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
        Class labels: whole numbers from 0 (ints, or floats such as 3.0).
    n_classes : int, optional
        K, the number of columns. Default: the largest label + 1.

    Returns
    -------
    ndarray of shape (n_samples, n_classes), dtype float64

    Raises
    ------
    TypeError, ValueError
        For labels that are not whole numbers from 0, a label of `n_classes` or more, or
        `y` that is not 1-D.

    Examples
    --------
    >>> one_hot([2, 0, 1])
    array([[0., 0., 1.],
           [1., 0., 0.],
           [0., 1., 0.]])
    """
    labels = class_labels(y, "y")
    if n_classes is None:
        n_classes = int(labels.max()) + 1 if labels.size else 1
    elif isinstance(n_classes, bool) or not isinstance(n_classes, numbers.Integral):
        raise TypeError(f"n_classes must be a positive integer, got {_describe(n_classes)}.")
    if n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes}.")
    if labels.size and labels.max() >= n_classes:
        index = int(np.argmax(labels >= n_classes))
        raise ValueError(f"y holds class {labels[index]} at index {index}, but there are only "
                         f"{n_classes} classes (labels 0 to {n_classes - 1}).")
    rows = np.zeros((labels.shape[0], n_classes))
    rows[np.arange(labels.shape[0]), labels] = 1.0
    return rows


def class_labels(values, name):
    """`values` as an int64 array of class labels 0, 1, 2, ...; raise naming a bad one."""
    labels = as_float_array(values, name)
    if labels.ndim != 1:
        raise ValueError(f"{name} must be 1-D, one class label per sample, got shape "
                         f"{labels.shape}.")
    bad = ~((labels >= 0) & (labels == np.floor(labels)) & np.isfinite(labels))
    if bad.any():
        index = int(np.argmax(bad))
        hint = (" These look like probabilities: take the class of the largest one, "
                "y_hat.argmax(axis=1)." if 0 < labels[index] < 1 else "")
        raise ValueError(f"{name} must hold class labels 0, 1, 2, ... (whole numbers from 0), "
                         f"got {labels[index]} at index {index}.{hint}")
    return labels.astype(np.int64)
