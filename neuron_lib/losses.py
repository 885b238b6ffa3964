r"""Losses: how wrong predictions are, each with its gradient, in one place.

- :func:`binary_cross_entropy`: the mean cross-entropy of predicted probabilities;
- :func:`loss_gradient`: its gradient for a sigmoid neuron's weights and bias.
"""

import numpy as np

from ._validation import (
    as_batch,
    as_float_array,
    as_labels,
    check_finite,
    check_labels_for,
    check_real_number,
    check_same_length,
)
from .activations import _sigmoid_array

__all__ = ["EPS", "binary_cross_entropy", "loss_gradient"]

# Predictions are clipped to [EPS, 1 - EPS] before the log, as scikit-learn's log_loss does:
# -log(EPS) = 36.04 is the largest loss one sample can add.
EPS = np.finfo(np.float64).eps



def binary_cross_entropy(y, y_hat):
    r"""Mean binary cross-entropy: how wrong predicted probabilities are, on average.

    .. math:: L = -\frac{1}{n}\sum_{i=1}^{n}\bigl[y_i \log \hat y_i
              + (1 - y_i) \log (1 - \hat y_i)\bigr]

    A confident right answer costs almost 0, a coin flip (:math:`\hat y = 0.5`) costs
    :math:`\log 2 \approx 0.693`, a confident wrong answer a lot. To stay finite when a
    prediction is exactly 0 or 1, `y_hat` is clipped to :math:`[\varepsilon, 1 - \varepsilon]`
    with :math:`\varepsilon` = 2.2e-16 (float64's machine epsilon, as scikit-learn's
    ``log_loss`` does), so one sample adds at most :math:`-\log\varepsilon \approx 36.04`.

    Parameters
    ----------
    y : int or array_like of shape (n_samples,)
        True labels, each 0 or 1.
    y_hat : float or array_like of shape (n_samples,)
        Predicted probabilities of class 1, in [0, 1] (for example ``neuron.activate(X)``).

    Returns
    -------
    float
        The mean loss over the samples, at least 0.

    Raises
    ------
    TypeError
        If `y` or `y_hat` holds something other than numbers.
    ValueError
        If `y` holds anything but 0 and 1, `y_hat` is outside [0, 1] or NaN, or their
        shapes differ or are empty.

    Examples
    --------
    >>> round(binary_cross_entropy([1, 0], [0.5, 0.5]), 4)  # log 2: a coin flip
    0.6931
    >>> round(binary_cross_entropy(1, 0.9), 4)  # -log 0.9
    0.1054
    >>> round(binary_cross_entropy([1], [0.0]), 2)  # certain and wrong: large, not inf
    36.04
    """
    y = as_labels(y, "y")
    y_hat = as_float_array(y_hat, "y_hat")
    check_same_length(y, y_hat, "y", "y_hat")
    outside = ~((y_hat >= 0) & (y_hat <= 1))  # NaN is outside too
    if outside.any():
        index = tuple(int(i) for i in np.argwhere(outside)[0]) if y_hat.ndim else ()
        position = f" at index {index[0] if len(index) == 1 else index}" if index else ""
        raise ValueError(
            f"y_hat must hold probabilities in [0, 1], got {y_hat[index]}{position}. Pass "
            "the neuron's output after the sigmoid, neuron.activate(X), not the weighted sum."
        )
    clipped = np.clip(y_hat, EPS, 1.0 - EPS)
    losses = -(y * np.log(clipped) + (1.0 - y) * np.log1p(-clipped))
    return float(np.mean(losses))


def _loss_from_z(z, y):
    """Mean binary cross-entropy of sigmoid(z), exact for any finite z (no clipping)."""
    # -[y log s(z) + (1-y) log(1-s(z))] = log(1 + e^z) - y z
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def loss_gradient(X, y, weights, bias):
    r"""Gradient of the mean binary cross-entropy of a sigmoid neuron.

    With :math:`\hat y = \sigma(X\mathbf w + b)` the chain rule gives a simple result (the
    sigmoid's slope cancels against the loss's):

    .. math:: \frac{\partial L}{\partial \mathbf w} = \frac{1}{n} X^\top (\hat y - y),
              \qquad \frac{\partial L}{\partial b} = \frac{1}{n}\sum_i (\hat y_i - y_i)

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Inputs, one sample per row.
    y : array_like of shape (n_samples,)
        True labels, each 0 or 1.
    weights : array_like of shape (n_features,)
        The neuron's weights.
    bias : float
        The neuron's bias.

    Returns
    -------
    grad_w : ndarray of shape (n_features,)
        How fast the loss grows per unit of each weight; step against it.
    grad_b : float
        The same for the bias.

    Raises
    ------
    TypeError
        If an argument holds something other than numbers.
    ValueError
        If shapes do not match, `y` holds anything but 0 and 1, a value is NaN or
        infinite, or the weighted sum overflows.

    Examples
    --------
    >>> grad_w, grad_b = loss_gradient([[1.0, 2.0], [3.0, 4.0]], [1, 0], [0.0, 0.0], 0.0)
    >>> grad_w, grad_b  # y_hat = [0.5, 0.5]: X.T @ [-0.5, 0.5] / 2 = [0.5, 0.5]
    (array([0.5, 0.5]), 0.0)
    """
    X = as_batch(X)
    y = as_labels(y, "y")
    check_labels_for(X, y)
    weights = as_float_array(weights, "weights")
    if weights.shape != (X.shape[1],):
        raise ValueError(f"weights must have shape ({X.shape[1]},), one per column of X, got "
                         f"shape {weights.shape}. Pass neuron.weights for a neuron with "
                         f"{X.shape[1]} inputs.")
    check_finite(weights, "weights")
    bias = check_real_number(bias, "bias")
    with np.errstate(over="ignore", invalid="ignore"):
        z = X @ weights + bias
    if not np.isfinite(z).all():
        raise ValueError("The weighted sum overflowed float64 (inputs or weights too large). "
                         "Standardise the features and use smaller weights.")
    error = _sigmoid_array(z, out=z) - y
    return X.T @ error / X.shape[0], float(np.mean(error))
