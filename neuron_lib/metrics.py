"""Judging a trained model: predicted labels, accuracy, precision, recall, confusion matrix.

:func:`accuracy` and :func:`confusion_matrix` also take class labels 0, 1, ..., K - 1 (a
softmax network's ``predict``); :func:`precision` and :func:`recall` are for two classes.
"""

import numbers

import numpy as np

from ._validation import _describe, as_labels, check_real_number, check_same_length
from .labels import class_labels
from .network import Network
from .neuron import Neuron

__all__ = ["accuracy", "confusion_matrix", "precision", "predict", "recall"]



def predict(neuron, X, threshold=0.5):
    """Class labels from a neuron: 1 where its output is at least `threshold`, else 0.

    A :class:`Network` is accepted too and answers with its own :meth:`Network.predict`
    (with several outputs: the class of the largest).

    Parameters
    ----------
    neuron : Neuron or Network
    X : array_like of shape (n_inputs,) or (n_samples, n_inputs)
        One sample, or one sample per row.
    threshold : float, default 0.5
        Probability from which on a sample is called 1 (raise it to call fewer emails spam).

    Returns
    -------
    int or ndarray of shape (n_samples,)
        0 or 1 for each sample (an int for a single sample).

    Raises
    ------
    TypeError, ValueError
        As for :meth:`Neuron.activate`, or for a `threshold` outside [0, 1].

    Examples
    --------
    >>> neuron = Neuron(1)
    >>> neuron.weights, neuron.bias = [2.0], -1.0
    >>> predict(neuron, [[0.0], [1.0]])  # sigmoid(-1) = 0.27, sigmoid(1) = 0.73
    array([0, 1])
    """
    if isinstance(neuron, Network):
        return neuron.predict(X, threshold=threshold)
    if not isinstance(neuron, Neuron):
        raise TypeError(f"predict expects a neuron_lib.Neuron or Network, got "
                        f"{_describe(neuron)}.")
    threshold = check_real_number(threshold, "threshold")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be a probability in [0, 1], got {threshold}. "
                         "Try threshold=0.5.")
    y_hat = neuron.activate(X)
    if isinstance(y_hat, float):
        return int(y_hat >= threshold)
    return (y_hat >= threshold).astype(np.int64)


def _as_label_pair(y, y_pred):
    y = np.atleast_1d(as_labels(y, "y", partner="y_pred")).astype(bool)
    y_pred = np.atleast_1d(as_labels(y_pred, "y_pred")).astype(bool)
    check_same_length(y, y_pred, "y", "y_pred")
    if y.ndim != 1:
        raise ValueError(f"y and y_pred must be 1-D, one label per sample, got shape {y.shape}. "
                         "Flatten them with .ravel().")
    return y, y_pred


def confusion_matrix(y, y_pred, n_classes=None):
    """Count right and wrong predictions of each kind, in a 2 x 2 (or K x K) table.

    Layout (as scikit-learn's ``confusion_matrix`` with labels 0, 1): rows are the true
    class, columns the predicted class::

                    predicted 0       predicted 1
        true 0   [[true negatives,  false positives],
        true 1    [false negatives, true positives ]]

    For spam: a false positive is a real email sent to the spam folder; a false negative
    is spam that reaches the inbox.

    With class labels 0 to K - 1 the table is K x K, in the same layout: entry ``[i, j]``
    counts the samples of class ``i`` predicted as ``j``; the diagonal holds the right ones.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
        True labels: 0 or 1, or classes 0 to K - 1.
    y_pred : array_like of shape (n_samples,)
        Predicted labels (for example ``predict(neuron, X)`` or ``net.predict(X)``).
    n_classes : int, optional
        K. Default: 2 for labels 0 and 1, else the largest label + 1. Pass it so that a
        class that never occurs still gets its row and column (10 for digits).

    Returns
    -------
    ndarray of shape (2, 2) or (n_classes, n_classes), dtype int64

    Raises
    ------
    TypeError, ValueError
        If either holds anything but 0 and 1 (probabilities are refused with a hint), or
        their shapes differ or are empty.

    Examples
    --------
    >>> confusion_matrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])
    array([[1, 1],
           [1, 2]])
    >>> confusion_matrix([0, 1, 2, 2], [0, 2, 2, 1])  # one 1 taken for a 2, one 2 for a 1
    array([[1, 0, 0],
           [0, 0, 1],
           [0, 1, 1]])
    """
    classes = _as_class_pair(y, y_pred)
    if classes is not None or n_classes is not None:
        if classes is None:  # labels 0 and 1 (checked as ever), in a K x K table
            classes = tuple(labels.astype(np.int64) for labels in _as_label_pair(y, y_pred))
        return _class_table(*classes, n_classes)
    y, y_pred = _as_label_pair(y, y_pred)
    return np.array([[np.count_nonzero(~y & ~y_pred), np.count_nonzero(~y & y_pred)],
                     [np.count_nonzero(y & ~y_pred), np.count_nonzero(y & y_pred)]],
                    dtype=np.int64)


def accuracy(y, y_pred):
    """Share of samples whose predicted label is the true one.

    Parameters
    ----------
    y, y_pred : array_like of shape (n_samples,)
        True and predicted labels: 0 or 1, or classes 0 to K - 1.

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    TypeError, ValueError
        As for :func:`confusion_matrix`.

    Examples
    --------
    >>> accuracy([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])
    0.6
    >>> accuracy([3, 7, 2, 9], [3, 1, 2, 9])  # digits
    0.75
    """
    classes = _as_class_pair(y, y_pred)
    if classes is not None:
        return float(np.mean(classes[0] == classes[1]))
    y, y_pred = _as_label_pair(y, y_pred)
    return float(np.mean(y == y_pred))


def precision(y, y_pred):
    """Of the samples predicted 1, the share that really are 1: TP / (TP + FP).

    "When the filter says spam, how often is it right?" If nothing is predicted 1 the
    ratio is 0/0; this returns 0.0 then (as scikit-learn with ``zero_division=0``), with
    no warning: a filter that flags nothing has found no spam.

    Parameters
    ----------
    y, y_pred : array_like of shape (n_samples,)
        True and predicted labels, each 0 or 1.

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    TypeError, ValueError
        As for :func:`confusion_matrix`.

    Examples
    --------
    >>> precision([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])  # 2 of the 3 predicted 1 are right
    0.6666666666666666
    >>> precision([0, 1], [0, 0])  # nothing predicted 1
    0.0
    """
    y, y_pred = _as_label_pair(y, y_pred)
    n_predicted = np.count_nonzero(y_pred)
    return float(np.count_nonzero(y & y_pred) / n_predicted) if n_predicted else 0.0


def recall(y, y_pred):
    """Of the samples that really are 1, the share predicted 1: TP / (TP + FN).

    "Of all the spam, how much does the filter catch?" If no sample is really 1 the ratio
    is 0/0; this returns 0.0 then (as scikit-learn with ``zero_division=0``), with no
    warning.

    Parameters
    ----------
    y, y_pred : array_like of shape (n_samples,)
        True and predicted labels, each 0 or 1.

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    TypeError, ValueError
        As for :func:`confusion_matrix`.

    Examples
    --------
    >>> recall([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])  # 2 of the 3 true 1 are found
    0.6666666666666666
    """
    y, y_pred = _as_label_pair(y, y_pred)
    n_positive = np.count_nonzero(y)
    return float(np.count_nonzero(y & y_pred) / n_positive) if n_positive else 0.0


# --- several classes ---------------------------------------------------------------------


def _class_indices(values):
    """`values` as int64 class labels if it is a 1-D array of whole numbers >= 0 (not bools);
    None otherwise (then the two-class checks, with their messages, take over)."""
    try:
        array = np.asarray(values)
    except ValueError:
        return None
    if array.ndim != 1 or array.size == 0 or array.dtype.kind not in "iuf":
        return None
    if array.dtype.kind == "f" and not (np.isfinite(array).all()
                                        and (array == np.floor(array)).all()):
        return None
    if (array < 0).any():
        return None
    return array.astype(np.int64)


def _as_class_pair(y, y_pred):
    """(y, y_pred) as int64 labels when they are classes 0 to K - 1 with some label above 1;
    None for two classes (0 and 1) or anything the two-class checks should judge."""
    y_classes, predicted = _class_indices(y), _class_indices(y_pred)
    for classes, other, name in ((y_classes, y_pred, "y_pred"), (predicted, y, "y")):
        if classes is not None and classes.max() > 1 and _class_indices(other) is None:
            class_labels(other, name)  # several classes on one side: explain the other
    if y_classes is None or predicted is None:
        return None
    if max(y_classes.max(), predicted.max()) <= 1:
        return None
    check_same_length(y_classes, predicted, "y", "y_pred")
    return y_classes, predicted


def _class_table(y, y_pred, n_classes):
    if n_classes is None:
        n_classes = max(2, int(max(y.max(initial=0), y_pred.max(initial=0))) + 1)
    elif isinstance(n_classes, bool) or not isinstance(n_classes, numbers.Integral):
        raise TypeError(f"n_classes must be a whole number, got {_describe(n_classes)}.")
    elif n_classes < 1:
        raise ValueError(f"n_classes must be at least 1, got {n_classes}.")
    for name, labels in (("y", y), ("y_pred", y_pred)):
        if labels.size and labels.max() >= n_classes:
            raise ValueError(f"{name} holds class {labels.max()}, but n_classes={n_classes} "
                             f"allows labels 0 to {n_classes - 1}.")
    counts = np.bincount(y * n_classes + y_pred, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes).astype(np.int64)
