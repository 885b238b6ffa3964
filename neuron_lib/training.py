r"""Teaching a neuron from examples: loss, gradient, gradient descent, and how to judge it.

A sigmoid neuron trained with binary cross-entropy is logistic regression. Everything here
works on whole batches (full-batch gradient descent) with numpy only:

- :func:`binary_cross_entropy` and :func:`loss_gradient`: how wrong the neuron is, and
  which way to move each weight;
- :func:`train_test_split` and :class:`Standardizer`: held-out data and comparable features;
- :func:`train`: gradient descent on a :class:`~neuron_lib.Neuron`, with a :class:`History`;
- :func:`predict`, :func:`accuracy`, :func:`precision`, :func:`recall`,
  :func:`confusion_matrix`: how good the trained neuron is.
"""

import math
import numbers
import warnings
from dataclasses import dataclass, field

import numpy as np

from ._validation import (
    _describe,
    as_float_array,
    check_finite,
    check_positive_int,
    check_real_number,
    make_rng,
)
from .activations import _sigmoid_array
from .neuron import Neuron

# Predictions are clipped to [EPS, 1 - EPS] before the log, as scikit-learn's log_loss does:
# -log(EPS) = 36.04 is the largest loss one sample can add.
EPS = np.finfo(np.float64).eps

# Divergence rules of `train`, see its docstring.
_RISES_IN_A_ROW = 5
_BLOW_UP_FACTOR = 10.0
# A rise smaller than this (relative) is rounding noise near the minimum, not a rise.
_RISE_TOLERANCE = 1e-9


class TrainingWarning(UserWarning):
    """Emitted by :func:`train` when the loss diverged or went up: the learning rate is
    too large. The same message is in the returned ``History.warnings``."""


# --- checks shared by this module ----------------------------------------------------------


def _as_labels(values, name):
    """Return `values` as a float64 array of 0.0 and 1.0; raise naming the first other value."""
    labels = as_float_array(values, name)
    bad = (labels != 0) & (labels != 1)  # NaN counts as bad too
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if labels.ndim else ()
        value = labels[index]
        position = f" at index {index[0] if len(index) == 1 else index}" if index else ""
        hint = (" These look like probabilities: turn them into labels with "
                "predict(neuron, X) or (y_hat >= 0.5).astype(int)."
                if 0 < value < 1 and name == "y_pred" else
                " Map your two classes to 0 and 1 first, e.g. y = (labels == 'spam')"
                ".astype(int), or load the data with load_csv, which does it for you.")
        swap = (" Did you swap the arguments? The true labels come first."
                if 0 < value < 1 and name == "y" else "")
        raise ValueError(f"{name} must hold class labels 0 and 1, got {value}{position}."
                         f"{swap}{hint}")
    return labels


def _as_batch(X, name="X"):
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


def _check_same_length(first, second, first_name, second_name):
    if first.shape != second.shape:
        raise ValueError(
            f"{first_name} and {second_name} must have the same shape (one value per sample), "
            f"got {first.shape} and {second.shape}. Pass {second_name} for the same samples, "
            f"in the same order, as {first_name}."
        )
    if first.size == 0:
        raise ValueError(f"{first_name} and {second_name} are empty. Pass at least one sample.")


def _check_labels_for(X, y):
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must have shape ({X.shape[0]},), one label per row of X, got shape {y.shape}. "
            "Pass the labels of the same samples, in the same order."
        )


# --- loss and gradient ---------------------------------------------------------------------


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
    y = _as_labels(y, "y")
    y_hat = as_float_array(y_hat, "y_hat")
    _check_same_length(y, y_hat, "y", "y_hat")
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
    X = _as_batch(X)
    y = _as_labels(y, "y")
    _check_labels_for(X, y)
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


# --- data preparation ----------------------------------------------------------------------


def train_test_split(X, y, test_size=0.25, *, rng=None, stratify=True):
    """Split samples at random into a training set and a held-out test set.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features, one sample per row.
    y : array_like of shape (n_samples,)
        Labels (any values; the classes are the distinct values).
    test_size : float or int, default 0.25
        A fraction in (0, 1): the test set gets ``ceil(test_size * n_samples)`` samples (as
        in scikit-learn); or a number of samples, from 1 to n_samples - 1.
    rng : None, int or numpy.random.Generator, optional
        Source of the shuffling: an int seed gives the same split every time.
    stratify : bool, default True
        Keep the share of each class the same in both sets (up to rounding): each class
        gets its share of the test samples, rounded so that the total is right (the largest
        remainders are rounded up).

    Returns
    -------
    X_train, X_test : ndarray of shape (n_train, n_features) and (n_test, n_features)
    y_train, y_test : ndarray of shape (n_train,) and (n_test,)
        New arrays, in a shuffled order; the order of scikit-learn's ``train_test_split``.

    Raises
    ------
    TypeError, ValueError
        If `X` is not a 2-D array of numbers, `y` does not have one label per row, or
        `test_size` leaves a set empty; with `stratify`, if a class has fewer than 2 samples.

    Examples
    --------
    >>> X = np.arange(16.0).reshape(8, 2)
    >>> y = [0, 0, 0, 0, 1, 1, 1, 1]
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, rng=0)
    >>> X_train.shape, X_test.shape, sorted(y_test.tolist())
    ((4, 2), (4, 2), [0, 0, 1, 1])
    """
    X = as_float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (n_samples, n_features), got "
                         f"{X.ndim}-D shape {X.shape}. For one feature use X[:, None].")
    y = np.asarray(y)
    _check_labels_for(X, y)
    n_samples = X.shape[0]
    n_test = _n_test(test_size, n_samples)
    rng = make_rng(rng)
    if not isinstance(stratify, (bool, np.bool_)):
        raise TypeError(f"stratify must be True or False, got {_describe(stratify)}.")
    if stratify:
        test_index, train_index = _stratified_indices(y, n_test, rng)
        test_index, train_index = rng.permutation(test_index), rng.permutation(train_index)
    else:
        order = rng.permutation(n_samples)
        test_index, train_index = order[:n_test], order[n_test:]
    return X[train_index], X[test_index], y[train_index], y[test_index]


def _n_test(test_size, n_samples):
    if n_samples < 2:
        raise ValueError(f"Splitting needs at least 2 samples, got {n_samples}.")
    if isinstance(test_size, numbers.Integral) and not isinstance(test_size, bool):
        if not 1 <= test_size <= n_samples - 1:
            raise ValueError(f"test_size={test_size} samples must be between 1 and "
                             f"{n_samples - 1} (there are {n_samples} samples), so that "
                             "both sets get some. Or pass a fraction such as 0.25.")
        return int(test_size)
    if isinstance(test_size, numbers.Real) and not isinstance(test_size, bool):
        if not 0.0 < test_size < 1.0:
            raise ValueError(f"test_size must be a fraction between 0 and 1 (or a number of "
                             f"samples), got {test_size}. Try test_size=0.25.")
        n_test = math.ceil(test_size * n_samples)
        if n_test >= n_samples:
            raise ValueError(f"test_size={test_size} leaves no training samples out of "
                             f"{n_samples}. Pass a smaller fraction.")
        return n_test
    raise TypeError(f"test_size must be a fraction (float) or a number of samples (int), got "
                    f"{_describe(test_size)}. Try test_size=0.25.")


def _stratified_indices(y, n_test, rng):
    classes, class_of_sample, counts = np.unique(y, return_inverse=True, return_counts=True)
    if counts.min() < 2:
        rare = classes[counts.argmin()].item()  # 1, not np.int64(1), in the message
        raise ValueError(f"Class {rare!r} has only {counts.min()} sample, so it cannot be in "
                         "both the training and the test set. Pass stratify=False, or get "
                         "more samples of that class.")
    shares = n_test * counts / counts.sum()
    n_test_per_class = np.floor(shares).astype(np.int64)
    # Largest remainders first; ties go to the earlier class (np.argsort is stable).
    leftover = n_test - n_test_per_class.sum()
    n_test_per_class[np.argsort(-(shares - n_test_per_class), kind="stable")[:leftover]] += 1
    test_parts, train_parts = [], []
    for index, n_class_test in enumerate(n_test_per_class):
        members = rng.permutation(np.flatnonzero(class_of_sample == index))
        test_parts.append(members[:n_class_test])
        train_parts.append(members[n_class_test:])
    return np.concatenate(test_parts), np.concatenate(train_parts)


class Standardizer:
    r"""Shift and scale each feature to mean 0 and standard deviation 1.

    :math:`x' = (x - \mu) / \sigma`, with :math:`\mu` and :math:`\sigma` (the population
    standard deviation, as scikit-learn's ``StandardScaler``) learnt by :meth:`fit` from the
    training data only, then applied unchanged to any data by :meth:`transform`, so that
    the test set tells nothing to the training.

    Attributes
    ----------
    mean : ndarray of shape (n_features,) or None
        Each feature's mean in the data given to :meth:`fit`; None before.
    std : ndarray of shape (n_features,) or None
        Each feature's standard deviation in that data; None before.

    Examples
    --------
    >>> scaler = Standardizer().fit([[1.0, 10.0], [3.0, 30.0]])
    >>> scaler
    Standardizer(mean=[2, 20], std=[1, 10])
    >>> scaler.transform([[2.0, 40.0]])
    array([[0., 2.]])
    """

    def __init__(self):
        self.mean = None
        self.std = None

    def fit(self, X, feature_names=None):
        """Learn each feature's mean and standard deviation from `X`.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Training features: finite numbers.
        feature_names : sequence of str, optional
            Used only to name a column in an error message.

        Returns
        -------
        Standardizer
            This object, so that ``Standardizer().fit(X_train)`` can be kept in one line.

        Raises
        ------
        TypeError, ValueError
            If `X` is not a 2-D array of finite numbers, or a column has the same value in
            every sample (its standard deviation is 0: dividing by it is impossible).
        """
        X = _as_batch(X)
        constant = np.flatnonzero(X.max(axis=0) == X.min(axis=0))
        if constant.size:
            column = int(constant[0])
            name = (f" ({feature_names[column]!r})" if feature_names is not None
                    and column < len(feature_names) else "")
            others = f" ({constant.size} such columns in all)" if constant.size > 1 else ""
            raise ValueError(
                f"Column {column}{name} of X has the same value, {X[0, column]:g}, in all "
                f"{X.shape[0]} samples{others}: its standard deviation is 0, so it cannot be "
                f"standardised, and it tells the samples apart no better than the bias. "
                f"Drop it, e.g. X = np.delete(X, {column}, axis=1)."
            )
        with np.errstate(over="ignore", invalid="ignore"):
            mean, std = X.mean(axis=0), X.std(axis=0)
        if not (np.isfinite(mean).all() and np.isfinite(std).all()):
            raise ValueError(
                "X holds values too large to standardise in float64 (their squares overflow, "
                f"about 1e154 and above; largest here {np.abs(X).max():.3g}). Scale the "
                "data down first, e.g. X / 1e100, or take np.log1p of counts.")
        self.mean, self.std = mean, std
        return self

    def transform(self, X):
        """Standardise `X` with the mean and standard deviation learnt by :meth:`fit`.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Features with the same columns as the data given to :meth:`fit`.

        Returns
        -------
        ndarray of shape (n_samples, n_features)
            A new array; `X` is not changed.

        Raises
        ------
        ValueError
            If :meth:`fit` has not been called, or `X` has another number of columns.
        """
        if self.mean is None:
            raise ValueError("This Standardizer has not learnt any mean yet. Call "
                             "fit(X_train) first, or use fit_transform(X_train).")
        X = _as_batch(X)
        if X.shape[1] != self.mean.shape[0]:
            raise ValueError(f"X has {X.shape[1]} columns, but this Standardizer was fitted "
                             f"on {self.mean.shape[0]}. Pass the same features, in the same "
                             "order, as to fit.")
        return (X - self.mean) / self.std

    def fit_transform(self, X, feature_names=None):
        """:meth:`fit` to `X`, then return ``transform(X)``.

        Parameters, Returns and Raises as for :meth:`fit` and :meth:`transform`.
        """
        return self.fit(X, feature_names).transform(X)

    def __repr__(self):
        if self.mean is None:
            return "Standardizer(not fitted)"

        def listed(values):
            return "[" + ", ".join(f"{value:.3g}" for value in values) + "]"

        return f"Standardizer(mean={listed(self.mean)}, std={listed(self.std)})"


# --- training ------------------------------------------------------------------------------


@dataclass
class History:
    """What happened during :func:`train`, one entry per epoch that ran.

    Attributes
    ----------
    loss : list of float
        Mean binary cross-entropy on the training data after each epoch's step. Always
        finite: a step that made it NaN or infinite is not recorded (see :func:`train`).
    accuracy : list of float
        Share of training samples classified right (probability >= 0.5 means 1, as in lesson 01) after
        each epoch's step.
    initial_loss, initial_accuracy : float
        The same before the first step, for curves that start at epoch 0.
    warnings : list of str
        Why training stopped early or may have gone wrong; empty if all went well.
    stop_reason : str or None
        None if every epoch ran; ``"diverged"`` or ``"callback"`` if training stopped early.
    """

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    initial_loss: float = math.nan
    initial_accuracy: float = math.nan
    warnings: list = field(default_factory=list)
    stop_reason: str = None

    @property
    def epochs_run(self):
        """Number of epochs recorded."""
        return len(self.loss)

    def __repr__(self):
        status = f"stopped: {self.stop_reason}" if self.stop_reason else "completed"
        notes = f", {len(self.warnings)} warning(s)" if self.warnings else ""
        if not self.loss:
            return (f"History(0 epochs, {status}, loss before training "
                    f"{self.initial_loss:.4g}{notes})")
        return (f"History({self.epochs_run} epochs, {status}, loss {self.initial_loss:.4g} -> "
                f"{self.loss[-1]:.4g}, accuracy {self.initial_accuracy:.3f} -> "
                f"{self.accuracy[-1]:.3f}{notes})")


def _check_lr(lr):
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(f"lr must be a positive number, got {_describe(lr)}. Try lr=0.5.")
    lr = float(lr)
    if not math.isfinite(lr) or lr <= 0:
        raise ValueError(
            f"lr (the learning rate) must be a positive finite number, got {lr}. It is the "
            "size of each step downhill: 0 never moves, a negative value climbs the loss "
            "instead. Try lr=0.5."
        )
    return lr


def train(neuron, X, y, *, lr=1.0, epochs=500, rng=None, callback=None):
    r"""Train a sigmoid neuron by full-batch gradient descent on binary cross-entropy.

    Each epoch computes the gradient over all samples (:func:`loss_gradient`) and steps
    against it: :math:`\mathbf w \leftarrow \mathbf w - \eta\,\partial L/\partial \mathbf w`,
    :math:`b \leftarrow b - \eta\,\partial L/\partial b`. The neuron's weights and bias are
    updated in place after every epoch, so a callback can draw the current state.

    On standardised features (mean 0, standard deviation 1, see :class:`Standardizer`)
    the defaults reach the minimum of the loss for the spam data in well under a second.

    Divergence: with a small enough learning rate full-batch gradient descent lowers the
    loss at every epoch. Training stops early, with ``stop_reason="diverged"``, when the
    loss becomes NaN or infinite (that step is not applied nor recorded), exceeds 10 times
    its value before training, or rises 5 epochs in a row. A loss that went up in some
    epochs without that (it oscillates) does not stop training. In both cases a message
    is added to ``history.warnings`` and issued as a :class:`TrainingWarning`, once per
    call (silence it with ``warnings.simplefilter("ignore", TrainingWarning)`` where
    ``history.warnings`` is shown instead). No numpy warning is ever raised.

    Parameters
    ----------
    neuron : Neuron
        The neuron to train; its weights and bias are changed in place.
    X : array_like of shape (n_samples, n_inputs)
        Training features, one sample per row; finite numbers.
    y : array_like of shape (n_samples,)
        Training labels, each 0 or 1.
    lr : float, default 1.0
        Learning rate :math:`\eta`: the step size, a positive number.
    epochs : int, default 500
        Number of gradient steps, each over the whole training set.
    rng : None, int or numpy.random.Generator, optional
        None: start from the neuron's current weights and bias (to continue training, or
        from weights you set, such as zeros). Otherwise first draw fresh weights and bias
        from U[-1, 1] exactly as ``Neuron(n_inputs, rng=rng)`` does, so that
        ``train(neuron, X, y, rng=0)`` gives the same result every time.
    callback : callable, optional
        Called as ``callback(epoch, history)`` after each recorded epoch (``epoch`` counts
        from 1), after the neuron was updated: use it for live plots. If it returns True
        or ``"stop"``, training stops with ``stop_reason="callback"``; other return values
        (such as None) are ignored.

    Returns
    -------
    History
        Loss and accuracy per epoch, warnings and why training stopped.

    Raises
    ------
    TypeError
        If `neuron` is not a Neuron, `lr` not a number, `epochs` not an int, `callback`
        not callable, or `X`, `y` hold something other than numbers.
    ValueError
        If `lr` is not positive and finite, `epochs` < 1, `X` does not have
        ``neuron.n_inputs`` columns or holds NaN or infinity, or `y` holds anything but 0
        and 1 or not one label per row.

    Examples
    --------
    >>> X = [[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 3.0]]
    >>> y = [0, 0, 1, 1]
    >>> neuron = Neuron(2)
    >>> history = train(neuron, X, y, lr=0.5, epochs=200, rng=0)
    >>> history
    History(200 epochs, completed, loss 0.966 -> 0.03594, accuracy 0.500 -> 1.000)
    >>> predict(neuron, X)
    array([0, 0, 1, 1])
    """
    if not isinstance(neuron, Neuron):
        raise TypeError(f"train expects a neuron_lib.Neuron, got {_describe(neuron)}. Make "
                        "one with Neuron(n_inputs), one input per feature.")
    X = _as_batch(X)
    if X.shape[1] != neuron.n_inputs:
        raise ValueError(f"The neuron has {neuron.n_inputs} inputs, but X has {X.shape[1]} "
                         f"features per sample. Make the neuron with Neuron({X.shape[1]}).")
    y = _as_labels(y, "y")
    _check_labels_for(X, y)
    lr = _check_lr(lr)
    epochs = check_positive_int(epochs, "epochs")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be a function taking (epoch, history), got "
                        f"{_describe(callback)}.")
    if rng is not None:
        fresh = Neuron(neuron.n_inputs, rng=rng)
        neuron.weights, neuron.bias = fresh.weights, fresh.bias

    n_samples = X.shape[0]
    weights, bias = neuron.weights.copy(), neuron.bias
    z, y_hat = _forward(X, weights, bias)
    if not np.isfinite(z).all():
        raise ValueError("The weighted sum overflowed float64 before training started "
                         "(features or weights too large). Standardise the features "
                         "(Standardizer), or pass rng=0 to start from small weights.")
    history = History(initial_loss=_loss_from_z(z, y),
                      initial_accuracy=float(np.mean((y_hat >= 0.5) == y)))
    rises_in_a_row = n_rises = 0
    first_rise = None
    for epoch in range(1, epochs + 1):
        previous_loss = history.loss[-1] if history.loss else history.initial_loss
        # A huge lr may overflow the step or the loss: that is caught just below, and
        # explained in words rather than by numpy's RuntimeWarning.
        with np.errstate(over="ignore", invalid="ignore"):
            error = y_hat - y
            new_weights = weights - lr * (X.T @ error) / n_samples
            new_bias = bias - lr * float(np.mean(error))
            new_z, new_y_hat = _forward(X, new_weights, new_bias)
            loss = _loss_from_z(new_z, y)
        if not (math.isfinite(loss) and math.isfinite(new_bias)
                and np.isfinite(new_weights).all()):
            history.stop_reason = "diverged"
            history.warnings.append(_divergence_message(
                epoch, lr, X, "the weights or the loss left the range of float64"))
            break
        weights, bias, z, y_hat = new_weights, new_bias, new_z, new_y_hat
        history.loss.append(loss)
        history.accuracy.append(float(np.mean((y_hat >= 0.5) == y)))
        neuron.weights, neuron.bias = weights, bias

        if loss > previous_loss * (1.0 + _RISE_TOLERANCE):
            rises_in_a_row += 1
            n_rises += 1
            first_rise = first_rise or epoch
        else:
            rises_in_a_row = 0
        if loss > _BLOW_UP_FACTOR * history.initial_loss:
            reason = (f"the loss grew from {history.initial_loss:.4g} to {loss:.4g}, more "
                      f"than {_BLOW_UP_FACTOR:g} times its value before training")
        elif rises_in_a_row >= _RISES_IN_A_ROW:
            reason = f"the loss rose {rises_in_a_row} epochs in a row, to {loss:.4g}"
        else:
            reason = None
        if reason is not None:
            history.stop_reason = "diverged"
            history.warnings.append(_divergence_message(epoch, lr, X, reason))

        if callback is not None:
            answer = callback(epoch, history)
            wants_stop = (isinstance(answer, (bool, np.bool_)) and answer
                          or isinstance(answer, str) and answer == "stop")
            if history.stop_reason is None and wants_stop:
                history.stop_reason = "callback"
        if history.stop_reason is not None:
            break
    if history.stop_reason != "diverged" and n_rises:
        history.warnings.append(
            f"The loss went up in {n_rises} of {history.epochs_run} epochs (first at epoch "
            f"{first_rise}); with full-batch gradient descent it should go down every epoch. "
            f"The learning rate lr={lr:g} is probably too large: try lr={_smaller_lr(lr)}."
            + _scale_hint(X)
        )
    if history.warnings:
        warnings.warn(history.warnings[-1], TrainingWarning, stacklevel=2)
    return history


def _forward(X, weights, bias):
    """z = X w + b and sigmoid(z); an overflow gives inf or NaN quietly, checked by the caller."""
    with np.errstate(over="ignore", invalid="ignore"):
        z = X @ weights + bias
    return z, _sigmoid_array(z.copy())


def _smaller_lr(lr):
    """A learning rate to suggest instead of `lr`: ten times smaller, or 1 if lr is absurd."""
    return f"{lr / 10:g}" if lr <= 1000 else "1 or smaller"


def _scale_hint(X):
    with np.errstate(over="ignore", invalid="ignore"):
        spread = float(X.std(axis=0).max())
    return (f" Your features are not standardised (one has a standard deviation of "
            f"{spread:.4g}): standardise them first (Standardizer), so that one learning "
            "rate suits every weight." if spread > 10 else "")


def _divergence_message(epoch, lr, X, reason):
    scale_hint = _scale_hint(X)
    return (f"Training diverged at epoch {epoch}: {reason}. The learning rate lr={lr:g} is "
            f"too large: each step overshoots the minimum. Try lr={_smaller_lr(lr)}.{scale_hint} "
            "The neuron keeps the weights of the last epoch in the history.")


# --- evaluation ----------------------------------------------------------------------------


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
    y = np.atleast_1d(_as_labels(y, "y")).astype(bool)
    y_pred = np.atleast_1d(_as_labels(y_pred, "y_pred")).astype(bool)
    _check_same_length(y, y_pred, "y", "y_pred")
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
