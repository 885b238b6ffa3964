r"""Losses: how wrong predictions are, each with its gradient, in one place.

- :func:`binary_cross_entropy`: the mean cross-entropy of predicted probabilities of
  class 1 (a sigmoid output), and :func:`loss_gradient`, its gradient for a sigmoid
  neuron's weights and bias (lesson 03);
- :func:`mean_squared_error`: half the squared distance between outputs and targets;
- :func:`categorical_cross_entropy`: the mean cross-entropy of predicted class
  probabilities (a softmax output), with :func:`one_hot` to turn labels into target rows;
- :data:`LOSSES`: each of them as a :class:`Loss` with its gradient, by name, for
  :func:`~neuron_lib.training.train` and :func:`~neuron_lib.gradcheck.check_gradients`.

The backward pass starts here. For the three classic pairs of output activation and loss
-- sigmoid with binary cross-entropy, softmax with categorical cross-entropy, identity
with squared error -- the output layer's :math:`\delta = \partial L / \partial Z` is simply

.. math:: \delta = \frac{1}{n}(\hat Y - Y)

(the activation's slope cancels against the loss's; scikit-learn's ``_backprop`` states the
same contract). :meth:`Loss.backpropagate` hands that :math:`\delta` to the output layer
directly, so a confidently wrong output (:math:`\hat y = 0` for :math:`y = 1`, where
:math:`\partial L/\partial \hat y` is infinite and :math:`\sigma'(z) = 0`) gets the largest
gradient, -1/n, and never ``inf * 0 = NaN``. Any other pair goes the long way:
:math:`\partial L/\partial \hat Y` through the activation's derivative (lesson 05 shows how
slowly squared error then learns on a saturated sigmoid).
"""

from types import MappingProxyType

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
from .activations import ACTIVATIONS
from .labels import one_hot
from .layers import Dense, NonFiniteError

__all__ = ["EPS", "LOSSES", "Loss", "binary_cross_entropy", "categorical_cross_entropy",
           "get_loss", "loss_gradient", "mean_squared_error", "one_hot"]

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
    _check_probabilities(y_hat)
    clipped = np.clip(y_hat, EPS, 1.0 - EPS)
    losses = -(y * np.log(clipped) + (1.0 - y) * np.log1p(-clipped))
    return float(np.mean(losses))


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
    # The neuron as the layer it is, and the gradient as training computes it.
    layer = Dense(X.shape[1], 1, "sigmoid", init=(weights[:, None], [bias]))
    try:
        layer.forward(X)
    except NonFiniteError:
        raise ValueError("The weighted sum overflowed float64 (inputs or weights too large). "
                         "Standardise the features and use smaller weights.") from None
    LOSSES["binary_cross_entropy"].backpropagate(layer, y[:, None])
    return layer.grad_weights[:, 0], float(layer.grad_bias[0])


def mean_squared_error(y, y_hat):
    r"""Half the mean squared error: :math:`L = \frac{1}{2n}\sum_{i=1}^{n}\lVert\hat y_i - y_i\rVert^2`.

    The :math:`\tfrac12` (as in Nielsen's book and scikit-learn's ``MLPClassifier``) makes
    its gradient :math:`\partial L/\partial \hat y = (\hat y - y)/n`, the same expression as
    cross-entropy's :math:`\delta`, so the two are easy to compare; it is half of
    ``sklearn.metrics.mean_squared_error`` for one output. With several outputs the
    squares are summed over the outputs of each sample.

    Parameters
    ----------
    y : float or array_like of shape (n_samples,) or (n_samples, n_outputs)
        Targets: any finite numbers (0 and 1 for classes).
    y_hat : float or array_like of the same shape
        Predictions.

    Returns
    -------
    float
        At least 0.

    Raises
    ------
    TypeError, ValueError
        If either holds something other than finite numbers, or their shapes differ or
        are empty.

    Examples
    --------
    >>> mean_squared_error([1.0, 0.0], [0.5, 0.5])  # (0.25 + 0.25) / (2 * 2)
    0.125
    """
    y, y_hat = _as_target_pair(y, y_hat)
    n_samples = y.shape[0] if y.ndim else 1
    with np.errstate(over="ignore"):
        return float(np.sum((y_hat - y) ** 2) / (2 * n_samples))


def _as_target_pair(y, y_hat):
    y = as_float_array(y, "y")
    y_hat = as_float_array(y_hat, "y_hat")
    check_same_length(y, y_hat, "y", "y_hat")
    check_finite(y, "y")
    check_finite(y_hat, "y_hat")
    return y, y_hat


def categorical_cross_entropy(y, y_hat):
    r"""Mean categorical cross-entropy: minus the log of the probability of the true class.

    .. math:: L = -\frac{1}{n}\sum_{i=1}^{n} \log \hat y_{i, y_i}
              = -\frac{1}{n}\sum_{i=1}^{n}\sum_{k} Y_{ik} \log \hat y_{ik}

    with :math:`Y` the one-hot rows of the labels. A sure right answer costs 0; a uniform
    guess over K classes costs :math:`\log K`. As for :func:`binary_cross_entropy`,
    :math:`\hat y` is clipped to :math:`[\varepsilon, 1]` so one sample adds at most 36.04.

    Parameters
    ----------
    y : array_like of shape (n_samples,) or (n_samples, n_classes)
        Class labels 0 to K - 1, or one-hot (or probability) rows.
    y_hat : array_like of shape (n_samples, n_classes)
        Predicted class probabilities, each row summing to 1 (softmax outputs).

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        For labels that are not classes 0 to K - 1, `y_hat` outside [0, 1] or with rows
        not summing to 1, or shapes that do not match.

    Examples
    --------
    >>> round(categorical_cross_entropy([0, 2], [[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]), 4)
    0.4581
    """
    y_hat = as_float_array(y_hat, "y_hat")
    if y_hat.ndim != 2:
        raise ValueError(f"y_hat must have shape (n_samples, n_classes), one row of class "
                         f"probabilities per sample, got shape {y_hat.shape}.")
    _check_probabilities(y_hat)
    sums = y_hat.sum(axis=1)
    off = np.abs(sums - 1.0) > 1e-6
    if off.any():
        index = int(np.argmax(off))
        raise ValueError(f"Each row of y_hat must sum to 1 (class probabilities), got a row "
                         f"summing to {sums[index]:.4g} at index {index}. Pass softmax "
                         "outputs, net.predict_proba(X), not the scores before softmax.")
    Y = _class_targets(y, y_hat.shape[0], y_hat.shape[1])
    return float(-np.sum(Y * np.log(np.clip(y_hat, EPS, 1.0))) / y_hat.shape[0])


def _class_targets(y, n_samples, n_classes):
    """Labels (n_samples,) or rows (n_samples, n_classes) as checked rows summing to 1."""
    y_array = as_float_array(y, "y")
    if y_array.ndim == 1:
        if y_array.shape[0] != n_samples:
            raise ValueError(f"y must have one class label per sample: shape ({n_samples},), "
                             f"got {y_array.shape}.")
        return one_hot(y_array, n_classes)
    if y_array.shape != (n_samples, n_classes):
        raise ValueError(f"y must be class labels of shape ({n_samples},) or rows of shape "
                         f"({n_samples}, {n_classes}), got shape {y_array.shape}.")
    check_finite(y_array, "y")
    if (y_array < 0).any() or (np.abs(y_array.sum(axis=1) - 1.0) > 1e-6).any():
        raise ValueError("y as rows must be one-hot (or probabilities): non-negative, each "
                         "row summing to 1. For class labels pass them as a 1-D array.")
    return y_array


# --- the registry --------------------------------------------------------------------------


class Loss:
    r"""A loss with its gradient, as :func:`~neuron_lib.training.train` uses it.

    Get one with :func:`get_loss`. Calling it, ``loss(y, y_hat)``, gives its value (the
    checked function, such as :func:`binary_cross_entropy`); :meth:`gradient` gives
    :math:`\partial L / \partial \hat y`. The other methods are the unchecked kernels that
    training and gradient checking share: they take targets prepared by :meth:`targets`
    and a layer after its forward pass.

    Attributes
    ----------
    name : str
        Its key in :data:`LOSSES`.
    label : str
        Its name for people.
    output_activation : str
        The output activation with which :math:`\delta = (\hat Y - Y)/n` (the contract
        stated in :mod:`neuron_lib.losses`).
    activations : tuple of str
        The output activations it can be used with.
    """

    name = label = output_activation = ""
    activations = ()

    def __call__(self, y, y_hat):
        raise NotImplementedError

    def __repr__(self):
        return f"Loss({self.name!r}: {self.label}, delta = y_hat - y with {self.output_activation})"

    def check_output(self, activation):
        """Raise a ValueError if this loss cannot judge outputs of `activation`."""
        if activation not in self.activations:
            raise ValueError(self._wrong_output_message(activation))

    def _wrong_output_message(self, activation):
        return (f"{self.name} cannot be used with a {activation} output layer; it needs "
                f"{' or '.join(self.activations)}.")

    # Kernels: unchecked, shared by train and check_gradients ----------------------------

    def value(self, layer, Y):
        """The loss of `layer`'s last outputs against targets `Y` of the same shape."""
        raise NotImplementedError

    def output_gradient(self, A, Y):
        r""":math:`\partial L/\partial A` for outputs `A` of shape (n_samples, n_outputs)."""
        raise NotImplementedError

    def backpropagate(self, model, Y, *, input_gradient=False):
        r"""Run `model`'s backward pass from this loss, after ``model.forward(X)``.

        Parameters
        ----------
        model : Neuron, Dense or Network
        Y : ndarray of shape (n_samples, n_outputs)
            Targets from :meth:`targets`.
        input_gradient : bool, default False
            Also compute the gradient for the model's inputs (training does not need it).

        Returns
        -------
        ndarray of shape (n_samples, n_inputs), or None
            The gradient of the loss for the inputs, if asked for.
        """
        layer = model.output_layer
        A = layer.outputs
        if layer.activation == self.output_activation:
            # The contract (as scikit-learn's _backprop): with sigmoid + binary
            # cross-entropy, softmax + categorical cross-entropy and identity + squared
            # error, dL/dZ of the output layer is (y_hat - y) / n: the activation's slope
            # cancels. Handing it over as delta skips dL/dA, which is infinite where a
            # sigmoid or softmax saturates (0 * inf = NaN); here it stays in [-1/n, 1/n].
            return model.backward(delta=(A - Y) / A.shape[0], input_gradient=input_gradient)
        return model.backward(self.output_gradient(A, Y), input_gradient=input_gradient)


class _BinaryCrossEntropy(Loss):
    name, label = "binary_cross_entropy", "binary cross-entropy"
    output_activation = "sigmoid"
    activations = ("sigmoid",)

    def __call__(self, y, y_hat):
        return binary_cross_entropy(y, y_hat)

    def gradient(self, y, y_hat):
        r""":math:`\partial L/\partial \hat y = \frac{1}{n}\,\frac{\hat y - y}{\hat y(1 - \hat y)}`,
        with :math:`\hat y` clipped to :math:`[\varepsilon, 1 - \varepsilon]` as in the value."""
        y = as_labels(y, "y")
        y_hat = as_float_array(y_hat, "y_hat")
        check_same_length(y, y_hat, "y", "y_hat")
        _check_probabilities(y_hat)
        return self.output_gradient(np.atleast_1d(y_hat), np.atleast_1d(y)).reshape(y.shape)

    def targets(self, y, X, n_outputs):
        """`y` (labels 0 and 1, one per row of X, or one per output) as (n_samples, n_outputs)."""
        y = as_labels(y, "y")
        if n_outputs == 1:
            check_labels_for(X, y)
            return y[:, None]
        _check_target_shape(y, X, n_outputs, "one 0/1 label per output")
        return y

    def value(self, layer, Y):
        # -[y log s(z) + (1-y) log(1-s(z))] = log(1 + e^z) - y z: exact for every finite z
        # (no clipping), so that divergence shows in the loss.
        # log(1 + e^z) as max(z, 0) + log(1 + e^-|z|): np.logaddexp's value, 20x faster.
        Z = layer.weighted_sums
        with np.errstate(over="ignore", invalid="ignore"):  # a sum beyond float64: inf
            softplus = np.maximum(Z, 0.0) + np.log1p(np.exp(-np.abs(Z)))
            return float(np.sum(softplus - Y * Z) / Z.shape[0])

    def output_gradient(self, A, Y):
        A = np.clip(A, EPS, 1.0 - EPS)
        return (A - Y) / (A * (1.0 - A)) / A.shape[0]


class _MeanSquaredError(Loss):
    name, label = "mean_squared_error", "squared error"
    output_activation = "identity"
    activations = tuple(ACTIVATIONS)

    def __call__(self, y, y_hat):
        return mean_squared_error(y, y_hat)

    def gradient(self, y, y_hat):
        r""":math:`\partial L/\partial \hat y = (\hat y - y)/n`."""
        y, y_hat = _as_target_pair(y, y_hat)
        return self.output_gradient(np.atleast_1d(y_hat), np.atleast_1d(y)).reshape(y.shape)

    def targets(self, y, X, n_outputs):
        """`y` (finite numbers, one per row of X, or one per output) as (n_samples, n_outputs)."""
        y = as_float_array(y, "y")
        check_finite(y, "y")
        if y.ndim == 1 and n_outputs == 1:
            check_labels_for(X, y)
            return y[:, None]
        if y.ndim == 1 and y.shape[0] == X.shape[0]:  # class labels for several outputs
            return one_hot(y, n_outputs)
        _check_target_shape(y, X, n_outputs, "one target per output")
        return y

    def value(self, layer, Y):
        with np.errstate(over="ignore", invalid="ignore"):  # huge outputs: inf, a divergence
            return float(np.sum((layer.outputs - Y) ** 2) / (2 * Y.shape[0]))

    def output_gradient(self, A, Y):
        return (A - Y) / A.shape[0]


class _CategoricalCrossEntropy(Loss):
    name, label = "categorical_cross_entropy", "categorical cross-entropy"
    output_activation = "softmax"
    activations = ("softmax",)

    def __call__(self, y, y_hat):
        return categorical_cross_entropy(y, y_hat)

    def gradient(self, y, y_hat):
        r""":math:`\partial L/\partial \hat y_{ik} = -Y_{ik} / (n\,\hat y_{ik})`, with
        :math:`\hat y` clipped to :math:`[\varepsilon, 1]` as in the value."""
        y_hat = as_float_array(y_hat, "y_hat")
        categorical_cross_entropy(y, y_hat)  # checks both
        return self.output_gradient(y_hat, _class_targets(y, *y_hat.shape))

    def targets(self, y, X, n_outputs):
        """`y` (labels 0 to K - 1, or one-hot rows) as (n_samples, K) rows."""
        return _class_targets(y, X.shape[0], n_outputs)

    def value(self, layer, Y):
        # -sum_k Y_k log softmax(z)_k = logsumexp(z) - sum_k Y_k z_k (rows of Y sum to 1),
        # with the largest z subtracted first: exact for every finite z, no overflow.
        Z = layer.weighted_sums
        top = Z.max(axis=1, keepdims=True)
        log_sum_exp = top[:, 0] + np.log(np.sum(np.exp(Z - top), axis=1))
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.sum(log_sum_exp - np.sum(Y * Z, axis=1)) / Z.shape[0])

    def output_gradient(self, A, Y):
        return -Y / np.clip(A, EPS, 1.0) / A.shape[0]


def _check_probabilities(y_hat):
    outside = ~((y_hat >= 0) & (y_hat <= 1))  # NaN is outside too
    if outside.any():
        index = tuple(int(i) for i in np.argwhere(outside)[0]) if y_hat.ndim else ()
        position = f" at index {index[0] if len(index) == 1 else index}" if index else ""
        raise ValueError(
            f"y_hat must hold probabilities in [0, 1], got {y_hat[index]}{position}. Pass "
            "the neuron's output after the sigmoid, neuron.activate(X), not the weighted sum."
        )


def _check_target_shape(y, X, n_outputs, what):
    expected = (X.shape[0], n_outputs)
    if y.shape != expected:
        raise ValueError(f"y must have shape {expected} for a model with {n_outputs} outputs "
                         f"({what}, one row per row of X), got shape {y.shape}.")


LOSSES = MappingProxyType({
    loss.name: loss for loss in (_BinaryCrossEntropy(), _MeanSquaredError(),
                                 _CategoricalCrossEntropy())
})
"""Every loss of the course by name, as a :class:`Loss`; read-only."""


def get_loss(name):
    """Look up a loss by name.

    Parameters
    ----------
    name : str or Loss
        A key of :data:`LOSSES`; a :class:`Loss` is returned as it is.

    Returns
    -------
    Loss

    Raises
    ------
    ValueError
        For an unknown name; the message lists the known ones.

    Examples
    --------
    >>> loss = get_loss("mean_squared_error")
    >>> loss([1.0, 0.0], [0.5, 0.5]), loss.gradient([1.0, 0.0], [0.5, 0.5])
    (0.125, array([-0.25,  0.25]))
    """
    if isinstance(name, Loss):
        return name
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown loss {name!r}. Choose one of: {', '.join(LOSSES)}.") from None
