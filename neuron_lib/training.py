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
import warnings
from dataclasses import dataclass, field

import numpy as np

from ._validation import (
    _describe,
    as_batch,
    as_labels,
    check_labels_for,
    check_learning_rate,
    check_positive_int,
)
from .activations import _sigmoid_array
from .losses import EPS, _loss_from_z, binary_cross_entropy, loss_gradient
from .metrics import accuracy, confusion_matrix, precision, predict, recall
from .neuron import Neuron
from .preprocessing import Standardizer, train_test_split

__all__ = [
    # the training loop, defined here
    "History", "TrainingWarning", "train",
    # kept importable from here, where lesson 03 first met them
    "EPS", "Standardizer", "accuracy", "binary_cross_entropy", "confusion_matrix",
    "loss_gradient", "precision", "predict", "recall", "train_test_split",
]


# Divergence rules of `train`, see its docstring.
_RISES_IN_A_ROW = 5
_BLOW_UP_FACTOR = 10.0
# A rise smaller than this (relative) is rounding noise near the minimum, not a rise.
_RISE_TOLERANCE = 1e-9


class TrainingWarning(UserWarning):
    """Emitted by :func:`train` when the loss diverged or went up: the learning rate is
    too large. The same message is in the returned ``History.warnings``."""

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
    X = as_batch(X)
    if X.shape[1] != neuron.n_inputs:
        raise ValueError(f"The neuron has {neuron.n_inputs} inputs, but X has {X.shape[1]} "
                         f"features per sample. Make the neuron with Neuron({X.shape[1]}).")
    y = as_labels(y, "y")
    check_labels_for(X, y)
    lr = check_learning_rate(lr)
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
