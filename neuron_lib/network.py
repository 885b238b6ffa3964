r"""A network of layers, :class:`Network`: layers one after the other.

.. math:: H = f_1(X W_1 + b_1), \qquad \hat Y = f_2(H W_2 + b_2), \qquad \dots

Each layer's outputs are the next layer's inputs. The forward pass runs the layers in order
(:meth:`Network.forward`); the backward pass runs them in reverse, each handing the gradient
for its inputs to the layer before (:meth:`Network.backward`).
"""

import itertools
import numbers

import numpy as np

from ._validation import _describe, as_float_array, check_finite, check_real_number, make_rng
from .layers import Dense
from .neuron import Neuron

__all__ = ["Network"]


class Network:
    """Layers applied one after the other: ``Network([2, 3, 1], ["tanh", "sigmoid"])``.

    Parameters
    ----------
    layers : list of int, or list of Dense
        Either the sizes, inputs first: ``[2, 3, 1]`` is 2 inputs, a hidden layer of 3
        neurons and 1 output; or layers already built, such as
        ``[Dense(2, 3, "tanh"), Dense(3, 1)]`` (a :class:`~neuron_lib.Neuron` counts as its
        one-output layer, and shares its weights with the network).
    activations : str or list of str, optional
        With sizes only: one activation per layer (``len(layers) - 1`` names), or one name
        for all. Default: "sigmoid" everywhere.
    init : str, float, tuple or list, default "uniform"
        With sizes only: each layer's initialisation (see :class:`~neuron_lib.layers.Dense`),
        or a list of one per layer.
    rng : None, int or numpy.random.Generator, optional
        With sizes only: the source of the random starting values, drawn layer by layer.

    Attributes
    ----------
    layers : list of Dense
        The layers, first to last (read-only list).
    n_inputs, n_outputs, n_parameters, sizes, activations
        Read-only facts about the architecture.

    Raises
    ------
    TypeError, ValueError
        For sizes that are not positive integers, a wrong number of activations or
        inits, or layers whose sizes do not fit together.

    Examples
    --------
    >>> net = Network([2, 3, 1], ["tanh", "sigmoid"], rng=0)
    >>> net
    Network(2 -> 3 tanh -> 1 sigmoid, 13 parameters)
    >>> net.predict_proba([[0.0, 1.0], [1.0, 0.0]]).shape
    (2,)
    """

    def __init__(self, layers, activations=None, *, init="uniform", rng=None):
        if isinstance(layers, (str, bytes)) or not hasattr(layers, "__len__"):
            raise TypeError(f"layers must be a list of sizes, such as [2, 3, 1], or of Dense "
                            f"layers, got {_describe(layers)}.")
        layers = list(layers)
        if layers and all(isinstance(layer, (Dense, Neuron)) for layer in layers):
            default_init = isinstance(init, str) and init == "uniform"
            if activations is not None or not default_init or rng is not None:
                raise ValueError("activations, init and rng are for a network built from "
                                 "sizes; these layers are already built (give them to each "
                                 "Dense instead).")
            self._layers = [layer.layer if isinstance(layer, Neuron) else layer
                            for layer in layers]
        else:
            self._layers = _build(layers, activations, init, rng)
        _check_fit(self._layers)

    # --- architecture ----------------------------------------------------------------------

    @property
    def layers(self):
        """The layers, first to last."""
        return tuple(self._layers)

    @property
    def output_layer(self):
        """The last layer, whose outputs :meth:`forward` returns."""
        return self._layers[-1]

    @property
    def n_inputs(self):
        return self._layers[0].n_inputs

    @property
    def n_outputs(self):
        return self._layers[-1].n_outputs

    @property
    def sizes(self):
        """``[n_inputs, size of layer 1, ..., n_outputs]``."""
        return [self.n_inputs, *(layer.n_outputs for layer in self._layers)]

    @property
    def activations(self):
        """Each layer's activation name."""
        return [layer.activation for layer in self._layers]

    @property
    def n_parameters(self):
        """All weights and biases."""
        return sum(layer.n_parameters for layer in self._layers)

    def __repr__(self):
        steps = " -> ".join([str(self.n_inputs)] + [f"{layer.n_outputs} {layer.activation}"
                                                      for layer in self._layers])
        return f"Network({steps}, {self.n_parameters} parameters)"

    # --- parameters ------------------------------------------------------------------------

    def parameters(self):
        """Every layer's ``[weights, bias]``, in order: the arrays themselves."""
        return [p for layer in self._layers for p in layer.parameters()]

    def named_parameters(self):
        """``[("layers[0].weights", ...), ("layers[0].bias", ...), ...]``."""
        return [(f"layers[{index}].{name}", p) for index, layer in enumerate(self._layers)
                for name, p in layer.named_parameters()]

    def gradients(self):
        """The gradients of :meth:`parameters`, in the same order, from the last backward."""
        return [g for layer in self._layers for g in layer.gradients()]

    def reset(self, rng=None):
        """Draw fresh starting values for every layer, with each layer's init, in place.

        ``Network(sizes, ..., rng=seed)`` and ``Network(sizes, ...).reset(seed)`` start
        from the same values.

        Returns
        -------
        Network
            This network.
        """
        rng = make_rng(rng)
        for layer in self._layers:
            layer.reset(rng)
        return self

    # --- forward and backward --------------------------------------------------------------

    def forward(self, X):
        """Forward pass through every layer; each keeps its X, Z and A for :meth:`backward`.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs) or (n_inputs,)

        Returns
        -------
        ndarray of shape (n_samples, n_outputs), or (n_outputs,) for one sample
            The last layer's outputs.

        Raises
        ------
        TypeError, ValueError
            For an `X` of the wrong shape or with NaN or infinity; a layer's error
            (a weight set to NaN, an overflowing weighted sum) names the layer.
        """
        A = self._check_inputs(X)
        for number, layer in enumerate(self._layers, start=1):
            try:
                A = layer.forward(A)
            except ValueError as error:
                raise type(error)(f"Layer {number} ({layer!r}): {error}") from None
        return A

    def layer_outputs(self, X):
        """Each layer's outputs for `X`, first to last (one forward pass).

        Returns
        -------
        list of ndarray
            ``(n_samples, size)`` each, or ``(size,)`` for one sample.
        """
        one_sample = np.ndim(X) == 1
        self.forward(X)
        return [layer.outputs[0] if one_sample else layer.outputs for layer in self._layers]

    def hidden_activations(self, X):
        """The hidden layers' outputs for `X` (all layers but the last); see
        :meth:`layer_outputs`."""
        return self.layer_outputs(X)[:-1]

    def backward(self, grad_output=None, *, delta=None, input_gradient=True):
        r"""Backward pass: every layer's gradients, from the last layer to the first.

        Give the gradient of the loss for the network's outputs, ``grad_output``, or the
        output layer's :math:`\delta = \partial L / \partial Z` (``delta=``). Each layer
        hands the gradient for its inputs, :math:`\delta W^\top`, to the layer before.

        ``input_gradient=False`` skips that last hand-over from the first layer (training
        never needs it) and returns None.

        Returns
        -------
        ndarray of shape (n_samples, n_inputs), or None
            The gradient of the loss for the network's inputs.
        """
        last = len(self._layers) - 1
        grad = self._layers[-1].backward(grad_output, delta=delta,
                                         input_gradient=input_gradient or last > 0)
        for index in range(last - 1, -1, -1):
            grad = self._layers[index].backward(grad,
                                                input_gradient=input_gradient or index > 0)
        return grad

    # --- predictions -----------------------------------------------------------------------

    def predict_proba(self, X):
        """The network's outputs as probabilities.

        Returns
        -------
        float, ndarray of shape (n_samples,) or (n_samples, n_outputs)
            One output (a sigmoid): the probability of class 1 per sample (a float for one
            sample). Several outputs (softmax): one row of class probabilities per sample.
        """
        A = self.forward(X)
        if self.n_outputs == 1:
            return float(A[0]) if A.ndim == 1 else A[:, 0]
        return A

    def predict(self, X, threshold=0.5):
        """Class labels: with one output, 1 where it is at least `threshold`; with several,
        the class of the largest output.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs) or (n_inputs,)
        threshold : float, default 0.5
            Used with one output only.

        Returns
        -------
        int or ndarray of shape (n_samples,), dtype int64
        """
        threshold = check_real_number(threshold, "threshold")
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be a probability in [0, 1], got {threshold}. "
                             "Try threshold=0.5.")
        proba = self.predict_proba(X)
        if self.n_outputs == 1:
            if isinstance(proba, float):
                return int(proba >= threshold)
            return (proba >= threshold).astype(np.int64)
        labels = np.argmax(proba, axis=-1)
        return int(labels) if labels.ndim == 0 else labels.astype(np.int64)

    def _check_inputs(self, X):
        X = as_float_array(X, "X")
        n = self.n_inputs
        width = X.shape[-1] if X.ndim in (1, 2) else None
        if width != n:
            got = (f"{width} inputs per sample (X of shape {X.shape})" if width is not None
                   else f"a {X.ndim}-D array of shape {X.shape}")
            raise ValueError(f"This network expects X of shape (n_samples, {n}) or ({n},): "
                             f"{n} inputs per sample, got {got}.")
        check_finite(X, "X")
        return X


def _per_layer(value, n_layers, name, is_single):
    """`value` for every layer: one value repeated, or a list of exactly n_layers."""
    if is_single(value):
        return [value] * n_layers
    if not isinstance(value, list):
        raise TypeError(f"{name} must be one value for all layers or a list of one per layer, "
                        f"got {_describe(value)}.")
    if len(value) != n_layers:
        raise ValueError(f"{name} needs one entry per layer: {n_layers} layer(s), got "
                         f"{len(value)}.")
    return value


def _build(sizes, activations, init, rng):
    """Layers from sizes [n_inputs, n_1, ..., n_outputs]."""
    for index, size in enumerate(sizes):
        if isinstance(size, bool) or not isinstance(size, numbers.Integral):
            raise TypeError(f"layers must be sizes (positive integers) or Dense layers, got "
                            f"{_describe(size)} at index {index}. Example: Network([2, 3, 1]).")
        if size < 1:
            raise ValueError(f"Layer sizes must be at least 1, got {size} at index {index}.")
    if len(sizes) < 2:
        raise ValueError(f"A network needs at least two sizes, inputs and outputs, got "
                         f"{sizes}. Example: Network([2, 3, 1]).")
    n_layers = len(sizes) - 1
    activations = _per_layer("sigmoid" if activations is None else activations, n_layers,
                             "activations", lambda value: isinstance(value, str))
    inits = _per_layer(init, n_layers, "init", lambda value: not isinstance(value, list))
    rng = make_rng(rng)
    return [Dense(n_in, n_out, activation, init=layer_init, rng=rng)
            for n_in, n_out, activation, layer_init
            in zip(sizes[:-1], sizes[1:], activations, inits, strict=True)]


def _check_fit(layers):
    if not layers:
        raise ValueError("A network needs at least one layer. Example: Network([2, 3, 1]).")
    for number, (before, after) in enumerate(itertools.pairwise(layers), start=2):
        if after.n_inputs != before.n_outputs:
            raise ValueError(f"Layer {number} expects {after.n_inputs} inputs, layer "
                             f"{number - 1} gives {before.n_outputs}. Make layer {number} "
                             f"Dense({before.n_outputs}, {after.n_outputs}, ...).")
    if len({id(layer) for layer in layers}) != len(layers):
        raise ValueError("The same layer object appears twice; each layer needs its own "
                         "Dense (and its own weights).")
