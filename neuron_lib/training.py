r"""Training: gradient descent on any model and loss, full batch or mini-batches.

A model here is a :class:`~neuron_lib.Neuron`, a :class:`~neuron_lib.layers.Dense` layer or a
:class:`~neuron_lib.network.Network`: anything with ``forward``, ``backward``,
``parameters`` and ``gradients`` (and ``output_layer``, ``named_parameters``, ``reset``).
Each step is the same four lines for all of them::

    model.forward(X)                      # the forward pass, in the layers
    loss.backpropagate(model, Y)          # the backward pass, from the loss
    for p, g in zip(model.parameters(), model.gradients()):
        p -= lr * g                       # a step downhill

- :func:`train`: that loop, with a :class:`History`, divergence checks and callbacks;
- re-exported from where lesson 03 first met them: :func:`binary_cross_entropy`,
  :func:`loss_gradient`, :func:`train_test_split`, :class:`Standardizer`, :func:`predict`,
  :func:`accuracy`, :func:`precision`, :func:`recall`, :func:`confusion_matrix`.
"""

import math
import warnings
from dataclasses import dataclass, field

import numpy as np

from ._validation import (
    _describe,
    as_batch,
    check_finite,
    check_learning_rate,
    check_positive_int,
    make_rng,
)
from .layers import NonFiniteError
from .losses import EPS, binary_cross_entropy, get_loss, loss_gradient
from .metrics import accuracy, confusion_matrix, precision, predict, recall
from .neuron import Neuron
from .preprocessing import Standardizer, train_test_split

# train, History, TrainingWarning and check_model_data are defined here; the other names stay importable from
# here, where lesson 03 first met them.
__all__ = [
    "EPS", "History", "Standardizer", "TrainingWarning", "accuracy", "binary_cross_entropy",
    "check_model_data", "confusion_matrix", "loss_gradient", "precision", "predict", "recall",
    "train", "train_test_split",
]


# Divergence rules of `train`, see its docstring.
_RISES_IN_A_ROW = 5
_BLOW_UP_FACTOR = 10.0
# A rise smaller than this (relative) is rounding noise near the minimum, not a rise.
_RISE_TOLERANCE = 1e-9
# What a model needs for train (Neuron, Dense and Network have all of it).
_PROTOCOL = ("forward", "backward", "parameters", "gradients", "named_parameters",
             "output_layer", "reset", "n_inputs")


class TrainingWarning(UserWarning):
    """Emitted by :func:`train` when the loss diverged or went up: the learning rate is
    too large. The same message is in the returned ``History.warnings``."""

@dataclass
class History:
    """What happened during :func:`train`, one entry per epoch that ran.

    Attributes
    ----------
    loss : list of float
        The loss on the whole training set after each epoch (after its step, or after
        all its mini-batch steps). Always finite: an epoch that made it NaN or infinite
        is not recorded (see :func:`train`).
    accuracy : list of float
        Share of training samples classified right after each epoch: probability >= 0.5
        means 1 for one output (as in lesson 01), the largest output is the class for
        several. NaN when the targets are not class labels (squared error on numbers).
    initial_loss, initial_accuracy : float
        The same before the first step, for curves that start at epoch 0.
    warnings : list of str
        Why training stopped early or may have gone wrong; empty if all went well.
    stop_reason : str or None
        None if every epoch ran; ``"diverged"`` or ``"callback"`` if training stopped early.
    initial_parameters : list of ndarray or None
        With ``record_parameters=True``: copies of ``model.parameters()`` before training.
    parameters : list of list of ndarray
        With ``record_parameters=True``: copies of ``model.parameters()`` after each
        recorded epoch (``parameters[i]`` goes with ``loss[i]``); empty otherwise.
    """

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    initial_loss: float = math.nan
    initial_accuracy: float = math.nan
    warnings: list = field(default_factory=list)
    stop_reason: "str | None" = None
    initial_parameters: "list | None" = None
    parameters: list = field(default_factory=list)

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
        accuracy = ("" if math.isnan(self.initial_accuracy) else
                    f", accuracy {self.initial_accuracy:.3f} -> {self.accuracy[-1]:.3f}")
        return (f"History({self.epochs_run} epochs, {status}, loss {self.initial_loss:.4g} -> "
                f"{self.loss[-1]:.4g}{accuracy}{notes})")


def train(model, X, y, *, loss="binary_cross_entropy", lr=1.0, epochs=500, batch_size=None,
          rng=None, reset=None, callback=None, record_parameters=False):
    r"""Train a model by gradient descent: full batch, or mini-batches in shuffled order.

    Each step runs the forward pass, the backward pass from the loss
    (:meth:`Loss.backpropagate <neuron_lib.losses.Loss.backpropagate>`) and moves every
    parameter against its gradient, :math:`p \leftarrow p - \eta\,\partial L/\partial p`,
    in place. With ``batch_size=None`` an epoch is one step on all samples (lesson 03);
    with a ``batch_size``, an epoch shuffles the samples and takes one step per batch of
    that many (the last batch may be smaller). The model is updated in place, so a
    callback can draw the current state.

    On standardised features (mean 0, standard deviation 1, see :class:`Standardizer`)
    the defaults train lesson 03's spam neuron to the minimum of its loss in well under a
    second.

    Divergence: with a small enough learning rate full-batch gradient descent lowers the
    loss at every epoch. Training stops early, with ``stop_reason="diverged"``, when the
    loss, a weighted sum, a gradient or a parameter becomes NaN or infinite (that epoch is
    undone: the model keeps the parameters of the last recorded epoch), when the loss
    exceeds 10 times its value before training, or, with full batches, when it rises 5
    epochs in a row. A full-batch loss that went up in some epochs without that (it
    oscillates) does not stop training. In each case a message is added to
    ``history.warnings`` and issued as a :class:`TrainingWarning`, once per call (silence it
    with ``warnings.simplefilter("ignore", TrainingWarning)`` where ``history.warnings`` is
    shown instead). No numpy warning is ever raised.

    Parameters
    ----------
    model : Neuron, Dense or Network
        Changed in place.
    X : array_like of shape (n_samples, n_inputs)
        Training features, one sample per row; finite numbers.
    y : array_like of shape (n_samples,) or (n_samples, n_outputs)
        Training targets, as `loss` wants them: labels 0 and 1 for binary cross-entropy;
        class labels 0 to K - 1 (or one-hot rows) for categorical cross-entropy; numbers
        for squared error.
    loss : str or Loss, default "binary_cross_entropy"
        A name from :data:`neuron_lib.losses.LOSSES`. It must suit the output layer's
        activation (binary cross-entropy needs a sigmoid output).
    lr : float, default 1.0
        Learning rate :math:`\eta`: the step size, a positive number.
    epochs : int, default 500
        Passes over the training set.
    batch_size : int, optional
        Samples per step. None (or at least n_samples): full batch, one step per epoch.
    rng : None, int or numpy.random.Generator, optional
        Makes a run repeatable. Given, training starts afresh: the parameters are drawn
        again from `rng` with the model's own initialisation (``model.reset(rng)``, the
        same values as building the model with ``rng=rng``), and the same generator then
        shuffles the mini-batches. None: start from the model's current parameters (to
        continue training, or from values you set), shuffling with fresh randomness.
    reset : bool, optional
        Whether to start afresh as just described. Default: True when `rng` is given.
        ``reset=False`` with an `rng` continues from the current parameters and shuffles
        with `rng` (pass one Generator to call after call for a repeatable run in steps).
    callback : callable, optional
        Called as ``callback(epoch, history)`` after each recorded epoch (``epoch``
        counts from 1), after the model was updated: use it for live plots. If it
        returns True or ``"stop"``, training stops with ``stop_reason="callback"``; other
        return values (such as None) are ignored. It may run the model on other data.
    record_parameters : bool, default False
        Keep a copy of the parameters before training and after every epoch in
        ``history.initial_parameters`` and ``history.parameters``.

    Returns
    -------
    History
        Loss and accuracy per epoch, warnings and why training stopped.

    Raises
    ------
    TypeError
        If `model` is not a model, `lr` not a number, `epochs` or `batch_size` not an
        int, `callback` not callable, or `X`, `y` hold something other than numbers.
    ValueError
        If `lr` is not positive and finite, `epochs` or `batch_size` < 1, `X` does not
        have ``model.n_inputs`` columns or holds NaN or infinity, `y` does not suit the
        loss or has not one target per row, the loss does not suit the output layer, a
        parameter is NaN or infinite, or the first weighted sums already overflow.

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
    loss, X, Y, lr, epochs, batch_size, record_parameters = _check_arguments(
        model, X, y, loss, lr, epochs, batch_size, callback, record_parameters)
    if reset is not None and not isinstance(reset, (bool, np.bool_)):
        raise TypeError(f"reset must be True, False or None (start afresh when rng is given), "
                        f"got {_describe(reset)}.")
    generator = make_rng(rng)
    if rng is not None if reset is None else reset:
        model.reset(generator)
    for name, values in model.named_parameters():  # e.g. a weight set to NaN in place
        check_finite(values, name)
    if batch_size is not None and batch_size >= X.shape[0]:
        batch_size = None  # one batch of everything: full batch
    score = _accuracy_rule(loss, Y)
    parameters = model.parameters()
    try:
        initial_loss, initial_accuracy = _evaluate(model, loss, X, Y, score)
    except NonFiniteError:
        raise ValueError("The weighted sum overflowed float64 before training started "
                         "(features or weights too large). Standardise the features "
                         "(Standardizer), or pass rng=0 to start from small weights.") from None
    history = History(initial_loss=initial_loss, initial_accuracy=initial_accuracy,
                      initial_parameters=_copies(parameters) if record_parameters else None)
    monitor = _DivergenceMonitor(initial_loss, full_batch=batch_size is None)
    who = "neuron" if isinstance(model, Neuron) else "model"
    forward_done = True  # the model holds the forward pass of X for its current parameters
    for epoch in range(1, epochs + 1):
        before = _copies(parameters)
        problem = _epoch(model, loss, X, Y, parameters, lr, batch_size, generator, forward_done)
        if problem is None:
            try:
                value, share = _evaluate(model, loss, X, Y, score)
            except NonFiniteError:
                problem = "a weighted sum overflowed float64"
            else:
                if not math.isfinite(value):
                    problem = "the weights or the loss left the range of float64"
        if problem is not None:
            for values, old in zip(parameters, before, strict=True):
                values[...] = old
            history.stop_reason = "diverged"
            history.warnings.append(_divergence_message(epoch, lr, X, problem, who))
            break
        history.loss.append(value)
        history.accuracy.append(share)
        if record_parameters:
            history.parameters.append(_copies(parameters))
        reason = monitor.check(epoch, value)
        if reason is not None:
            history.stop_reason = "diverged"
            history.warnings.append(_divergence_message(epoch, lr, X, reason, who))
        forward_done = callback is None
        if callback is not None:
            answer = callback(epoch, history)
            wants_stop = (isinstance(answer, (bool, np.bool_)) and answer
                          or isinstance(answer, str) and answer == "stop")
            if history.stop_reason is None and wants_stop:
                history.stop_reason = "callback"
        if history.stop_reason is not None:
            break
    if history.stop_reason != "diverged" and monitor.n_rises:
        history.warnings.append(
            f"The loss went up in {monitor.n_rises} of {history.epochs_run} epochs (first at "
            f"epoch {monitor.first_rise}); with full-batch gradient descent it should go down "
            f"every epoch. The learning rate lr={lr:g} is probably too large: try "
            f"lr={_smaller_lr(lr)}." + _scale_hint(X)
        )
    if history.warnings:
        warnings.warn(history.warnings[-1], TrainingWarning, stacklevel=2)
    return history


def check_model_data(model, X, y, loss, caller="train"):
    """Check a model, data and loss for :func:`train` and
    :func:`~neuron_lib.gradcheck.check_gradients`; return them ready to use.

    Parameters
    ----------
    model : Neuron, Dense or Network
    X : array_like of shape (n_samples, n_inputs)
    y : array_like
        Targets, as `loss` wants them.
    loss : str or Loss
    caller : str
        The function named in the error for a wrong model.

    Returns
    -------
    loss : Loss
    X : ndarray of shape (n_samples, n_inputs)
    Y : ndarray of shape (n_samples, n_outputs)

    Raises
    ------
    TypeError, ValueError
        As described in :func:`train`.
    """
    missing = [name for name in _PROTOCOL if not hasattr(model, name)]
    if missing:
        raise TypeError(f"{caller} expects a model with forward, backward, parameters and "
                        f"gradients (a neuron_lib.Neuron, Dense or Network), got "
                        f"{_describe(model)}. Make one with Neuron(n_inputs) or "
                        "Network([n_inputs, ..., n_outputs]).")
    loss = get_loss(loss)
    X = as_batch(X)
    if X.shape[1] != model.n_inputs:
        make = {"Neuron": f"Make the neuron with Neuron({X.shape[1]})",
                "Network": f"Make the network with Network([{X.shape[1]}, ...])",
                "Dense": f"Make the layer with Dense({X.shape[1]}, ...)"}
        raise ValueError(f"The {type(model).__name__.lower()} has {model.n_inputs} inputs, but "
                         f"X has {X.shape[1]} features per sample. "
                         f"{make.get(type(model).__name__, 'Give it one input per feature')}.")
    output = model.output_layer
    loss.check_output(output.activation)
    return loss, X, loss.targets(y, X, output.n_outputs)


def _check_arguments(model, X, y, loss, lr, epochs, batch_size, callback, record_parameters):
    loss, X, Y = check_model_data(model, X, y, loss)
    lr = check_learning_rate(lr)
    epochs = check_positive_int(epochs, "epochs")
    if batch_size is not None:
        batch_size = check_positive_int(batch_size, "batch_size")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be a function taking (epoch, history), got "
                        f"{_describe(callback)}.")
    if not isinstance(record_parameters, (bool, np.bool_)):
        raise TypeError(f"record_parameters must be True or False, got "
                        f"{_describe(record_parameters)}.")
    return loss, X, Y, lr, epochs, batch_size, bool(record_parameters)


def _epoch(model, loss, X, Y, parameters, lr, batch_size, generator, forward_done):
    """One epoch of steps; return None, or what went wrong (the caller undoes the epoch)."""
    try:
        if batch_size is None:
            if not forward_done:  # a callback may have run the model on other data
                model.forward(X)
            return _step(model, loss, Y, parameters, lr)
        order = generator.permutation(X.shape[0])
        for start in range(0, X.shape[0], batch_size):
            rows = order[start:start + batch_size]
            model.forward(X[rows])
            problem = _step(model, loss, Y[rows], parameters, lr)
            if problem is not None:
                return problem
    except NonFiniteError:
        return "a weighted sum or a gradient left the range of float64"
    return None


def _step(model, loss, Y, parameters, lr):
    """Backward pass from the loss, then p -= lr * g for every parameter."""
    loss.backpropagate(model, Y)
    with np.errstate(over="ignore", invalid="ignore"):  # checked just below
        for values, gradient in zip(parameters, model.gradients(), strict=True):
            values -= lr * gradient
    if not all(np.isfinite(values).all() for values in parameters):
        return "the weights left the range of float64"
    return None


def _evaluate(model, loss, X, Y, score):
    """(loss, accuracy) on all of X: the forward pass that the next full-batch step uses."""
    model.forward(X)
    layer = model.output_layer
    return loss.value(layer, Y), score(layer.outputs)


def _accuracy_rule(loss, Y):
    """A function of the outputs A: the share of samples classified right (NaN if the
    targets are not classes)."""
    if not np.isin(Y, (0.0, 1.0)).all():
        return lambda A: math.nan
    if Y.shape[1] == 1:  # one output: probability >= 0.5 means 1
        labels = Y[:, 0] == 1.0
        return lambda A: float(np.mean((A[:, 0] >= 0.5) == labels))
    if (Y.sum(axis=1) == 1.0).all():  # one-hot rows: the largest output is the class
        classes = Y.argmax(axis=1)
        return lambda A: float(np.mean(A.argmax(axis=1) == classes))
    labels = Y == 1.0  # several 0/1 labels per sample: each output on its own
    return lambda A: float(np.mean((A >= 0.5) == labels))


def _copies(parameters):
    return [values.copy() for values in parameters]


class _DivergenceMonitor:
    """The divergence rules of train: a loss 10 times its start, or (full batch) rising 5
    epochs in a row; counts the rises for the oscillation warning."""

    def __init__(self, initial_loss, full_batch):
        self.previous = initial_loss
        self.initial = initial_loss
        self.full_batch = full_batch
        self.rises_in_a_row = self.n_rises = 0
        self.first_rise = None

    def check(self, epoch, loss):
        """Record `loss`; return why training diverged, or None."""
        rose = loss > self.previous * (1.0 + _RISE_TOLERANCE)
        self.previous = loss
        if self.full_batch:  # mini-batch losses go up and down by nature
            self.rises_in_a_row = self.rises_in_a_row + 1 if rose else 0
            if rose:
                self.n_rises += 1
                self.first_rise = self.first_rise or epoch
        if loss > _BLOW_UP_FACTOR * self.initial:
            return (f"the loss grew from {self.initial:.4g} to {loss:.4g}, more than "
                    f"{_BLOW_UP_FACTOR:g} times its value before training")
        if self.rises_in_a_row >= _RISES_IN_A_ROW:
            return f"the loss rose {self.rises_in_a_row} epochs in a row, to {loss:.4g}"
        return None


def _smaller_lr(lr):
    """A learning rate to suggest instead of `lr`: ten times smaller, or 1 if lr is absurd."""
    return f"{lr / 10:g}" if lr <= 1000 else "1 or smaller"


def _scale_hint(X):
    # The standard deviation of each column, computed on the column divided by its
    # largest magnitude, so that features of 1e200 do not overflow to a spread of "inf".
    scale = np.abs(X).max(axis=0)
    scale[scale == 0] = 1.0
    spread = float((np.std(X / scale, axis=0) * scale).max())
    return (f" Your features are not standardised (one has a standard deviation of "
            f"{spread:.4g}): standardise them first (Standardizer), so that one learning "
            "rate suits every weight." if spread > 10 else "")


def _divergence_message(epoch, lr, X, reason, who):
    return (f"Training diverged at epoch {epoch}: {reason}. The learning rate lr={lr:g} is "
            f"too large: each step overshoots the minimum. Try lr={_smaller_lr(lr)}."
            f"{_scale_hint(X)} The {who} keeps the weights of the last epoch in the history.")
