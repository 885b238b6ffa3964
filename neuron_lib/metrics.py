"""Judging a trained model: predicted labels, accuracy, precision, recall, confusion matrix."""

import numpy as np

from ._validation import _describe, as_labels, check_real_number, check_same_length
from .neuron import Neuron

__all__ = ["accuracy", "confusion_matrix", "precision", "predict", "recall"]



def predict(neuron, X, threshold=0.5):
    """Class labels from a neuron: 1 where its output is at least `threshold`, else 0.

    Parameters
    ----------
    neuron : Neuron
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
    if not isinstance(neuron, Neuron):
        raise TypeError(f"predict expects a neuron_lib.Neuron, got {_describe(neuron)}.")
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


def confusion_matrix(y, y_pred):
    """Count right and wrong predictions of each kind, in a 2 x 2 table.

    Layout (as scikit-learn's ``confusion_matrix`` with labels 0, 1): rows are the true
    class, columns the predicted class::

                    predicted 0       predicted 1
        true 0   [[true negatives,  false positives],
        true 1    [false negatives, true positives ]]

    For spam: a false positive is a real email sent to the spam folder; a false negative
    is spam that reaches the inbox.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
        True labels, each 0 or 1.
    y_pred : array_like of shape (n_samples,)
        Predicted labels, each 0 or 1 (for example ``predict(neuron, X)``).

    Returns
    -------
    ndarray of shape (2, 2), dtype int64

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
    """
    y, y_pred = _as_label_pair(y, y_pred)
    return np.array([[np.count_nonzero(~y & ~y_pred), np.count_nonzero(~y & y_pred)],
                     [np.count_nonzero(y & ~y_pred), np.count_nonzero(y & y_pred)]],
                    dtype=np.int64)


def accuracy(y, y_pred):
    """Share of samples whose predicted label is the true one.

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
    >>> accuracy([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])
    0.6
    """
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
