r"""A layer of neurons, :class:`Dense`: forward pass, backward pass, parameters.

A dense layer holds ``n_outputs`` neurons that all see the same ``n_inputs`` inputs. With
one sample per row of ``X`` (the row convention of lessons 01-03 and of scikit-learn):

.. math:: Z = X W + b, \qquad A = f(Z)

``X`` is (n_samples, n_inputs), ``W`` is (n_inputs, n_outputs) -- column ``j`` holds neuron
``j``'s weights --, ``b`` is (n_outputs,) and ``Z``, ``A`` are (n_samples, n_outputs).
:func:`weighted_sums` is the one place where ``X W + b`` is computed; :class:`~neuron_lib.Neuron`
and :class:`~neuron_lib.network.Network` use it through this module.
"""

import math
import numbers

import numpy as np

from ._validation import (
    _describe,
    as_float_array,
    check_finite,
    check_n_inputs,
    check_real_number,
    make_rng,
)
from .activations import get_activation

__all__ = ["INITS", "Dense", "NonFiniteError", "weighted_sums"]

INITS = ("uniform", "zeros", "constant", "xavier", "he")
"""Names of the initialisations :class:`Dense` knows (``init=...``)."""

# init="constant" without a value: every weight and bias 0.5.
_DEFAULT_CONSTANT = 0.5


class NonFiniteError(ValueError):
    """A weighted sum or a gradient is not a finite number: it left the range of float64
    (about 1.8e308) because inputs or weights are too large, or came from a NaN.

    A ValueError, so ``except ValueError`` catches it; :func:`~neuron_lib.training.train`
    treats it as a diverged training run.
    """


def overflow_message(n_bad):
    """The message of :class:`NonFiniteError` for `n_bad` samples."""
    return (f"The weighted sum overflowed float64 for {n_bad} sample(s) (inputs too large for "
            "these weights). Scale your inputs, e.g. standardise each feature to mean 0 and "
            "standard deviation 1.")


def weighted_sums(X, weights, bias):
    r"""The weighted sums :math:`Z = XW + b` of a layer: the one place they are computed.

    A kernel without input checks (its callers, :meth:`Dense.forward` and
    :class:`~neuron_lib.Neuron`, check shapes first and explain a non-finite result).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_inputs) or (n_inputs,)
    weights : ndarray of shape (n_inputs, n_outputs)
    bias : ndarray of shape (n_outputs,)

    Returns
    -------
    ndarray of shape (n_samples, n_outputs) or (n_outputs,)
        A new array. An overflow gives inf or NaN quietly (no numpy warning).

    Examples
    --------
    >>> weighted_sums(np.array([[1.0, 2.0]]), np.array([[1.0], [0.5]]), np.array([-1.0]))
    array([[1.]])
    """
    # inf * 0 or inf - inf would warn; the caller checks and explains a non-finite Z.
    with np.errstate(over="ignore", invalid="ignore"):
        Z = X @ weights
        Z += bias
    return Z


class Dense:
    r"""A layer of ``n_outputs`` neurons, each seeing all ``n_inputs`` inputs:
    :math:`A = f(XW + b)`.

    Parameters
    ----------
    n_inputs : int
        Inputs per sample (features, or neurons of the layer before).
    n_outputs : int
        Neurons in this layer: one output each.
    activation : str, default "sigmoid"
        A name from :data:`neuron_lib.ACTIVATIONS`: "sigmoid", "relu", "tanh",
        "leaky_relu", "identity" or "softmax".
    init : str, float, tuple or ndarray, default "uniform"
        How the weights and biases start:

        - ``"uniform"``: every weight and bias from U[-1, 1], the course's default (a
          ``Dense(n, 1)`` draws exactly what ``Neuron(n)`` draws from the same seed);
        - ``"zeros"``: all 0 (the symmetry problem, shown in lesson 04);
        - ``"constant"``, ``("constant", c)`` or a number ``c``: all equal to ``c``
          (0.5 by default);
        - ``"xavier"``: weights from :math:`U[-a, a]`, :math:`a = \sqrt{6 / (n_{in} +
          n_{out})}` (Glorot and Bengio, 2010), biases 0; suits sigmoid and tanh;
        - ``"he"``: weights from :math:`N(0, 2 / n_{in})` (He et al., 2015), biases 0;
          suits ReLU;
        - a tuple ``(weights, bias)`` of arrays of shapes (n_inputs, n_outputs) and
          (n_outputs,), or an array of weights alone (biases 0).
    rng : None, int or numpy.random.Generator, optional
        Source of the random draws (``np.random.default_rng`` rules).

    Attributes
    ----------
    weights : ndarray of shape (n_inputs, n_outputs)
        Column ``j`` holds neuron ``j``'s weights. May be assigned (values are copied in).
    bias : ndarray of shape (n_outputs,)
        May be assigned (a number is accepted when n_outputs is 1).
    grad_weights, grad_bias : ndarray or None
        Gradients of the loss set by :meth:`backward`; None before.
    inputs, weighted_sums, outputs : ndarray of shape (n_samples, ...) or None
        ``X``, ``Z`` and ``A`` of the last :meth:`forward` (kept for :meth:`backward`).
    n_inputs, n_outputs, activation, n_parameters
        Read-only.

    Raises
    ------
    TypeError, ValueError
        For a size that is not a positive integer, an unknown activation or init, or
        initial arrays of the wrong shape or with NaN or infinity.

    Examples
    --------
    >>> layer = Dense(2, 3, "tanh", rng=0)
    >>> layer
    Dense(2 -> 3 tanh, 9 parameters)
    >>> layer.forward([[1.0, 0.0], [0.0, 1.0]]).shape
    (2, 3)
    """

    def __init__(self, n_inputs, n_outputs, activation="sigmoid", *, init="uniform", rng=None):
        self._n_inputs = check_n_inputs(n_inputs)
        self._n_outputs = check_n_inputs(n_outputs, "n_outputs")
        self._activation = get_activation(activation)
        if self._activation.name == "softmax" and self._n_outputs == 1:
            raise ValueError("softmax needs at least 2 outputs, one per class: with one output "
                             "it is always 1. For two classes use one sigmoid output, or "
                             "Dense(n_inputs, 2, 'softmax').")
        self._init = _check_init(init, self._n_inputs, self._n_outputs)
        self._weights = np.empty((self._n_inputs, self._n_outputs))
        self._bias = np.empty(self._n_outputs)
        self.reset(rng)
        self.grad_weights = self.grad_bias = None
        self._inputs = self._z = self._outputs = None

    def reset(self, rng=None):
        """Draw fresh starting weights and biases with this layer's `init`, in place.

        ``Dense(..., rng=seed)`` and ``Dense(...).reset(seed)`` start from the same values;
        with ``init`` arrays the layer returns to those arrays.

        Parameters
        ----------
        rng : None, int or numpy.random.Generator, optional

        Returns
        -------
        Dense
            This layer.
        """
        weights, bias = _initial_values(self._init, self._n_inputs, self._n_outputs,
                                        make_rng(rng))
        self._weights[...] = weights
        self._bias[...] = bias
        return self

    # --- read-only facts -------------------------------------------------------------------

    @property
    def n_inputs(self):
        """Inputs per sample."""
        return self._n_inputs

    @property
    def n_outputs(self):
        """Neurons (outputs) of the layer."""
        return self._n_outputs

    @property
    def activation(self):
        """The activation's name, e.g. ``"sigmoid"``."""
        return self._activation.name

    @property
    def n_parameters(self):
        """Weights and biases: ``n_inputs * n_outputs + n_outputs``."""
        return self._n_inputs * self._n_outputs + self._n_outputs

    @property
    def output_layer(self):
        """The layer whose outputs :meth:`forward` returns: this one (as for a Network)."""
        return self

    @property
    def inputs(self):
        """X of the last forward pass, as (n_samples, n_inputs); None before."""
        return self._inputs

    @property
    def weighted_sums(self):
        """Z = XW + b of the last forward pass; None before."""
        return self._z

    @property
    def outputs(self):
        """A = f(Z) of the last forward pass; None before."""
        return self._outputs

    # --- parameters ------------------------------------------------------------------------

    @property
    def weights(self):
        return self._weights

    @weights.setter
    def weights(self, values):
        values = as_float_array(values, "weights")
        expected = (self._n_inputs, self._n_outputs)
        if values.shape != expected:
            raise ValueError(
                f"weights must have shape {expected}, one row per input and one column per "
                f"neuron, got shape {values.shape}. Make a new Dense layer to change its size."
            )
        check_finite(values, "weights")
        # Copied in, not rebound: parameters() and views of them stay valid.
        self._weights[...] = values

    @property
    def bias(self):
        return self._bias

    @bias.setter
    def bias(self, values):
        values = as_float_array(values, "bias")
        if values.shape == () and self._n_outputs == 1:
            values = values.reshape(1)
        if values.shape != (self._n_outputs,):
            raise ValueError(f"bias must have shape ({self._n_outputs},), one per neuron, got "
                             f"shape {values.shape}.")
        check_finite(values, "bias")
        self._bias[...] = values

    def parameters(self):
        """The layer's parameter arrays, ``[weights, bias]``: the arrays themselves, so that
        ``p -= lr * g`` moves the layer."""
        return [self._weights, self._bias]

    def named_parameters(self):
        """``[("weights", weights), ("bias", bias)]``."""
        return [("weights", self._weights), ("bias", self._bias)]

    def gradients(self):
        """``[grad_weights, grad_bias]`` from the last :meth:`backward`, in the order of
        :meth:`parameters`."""
        if self.grad_weights is None:
            raise ValueError("No gradients yet: call forward(X), then backward(...) first.")
        return [self.grad_weights, self.grad_bias]

    # --- forward and backward --------------------------------------------------------------

    def forward(self, X):
        r"""Forward pass :math:`A = f(XW + b)`, keeping X, Z and A for :meth:`backward`.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs) or (n_inputs,)
            A batch, one sample per row, or one sample. Finite real numbers; not copied
            (do not change it before :meth:`backward`).

        Returns
        -------
        ndarray of shape (n_samples, n_outputs), or (n_outputs,) for one sample

        Raises
        ------
        TypeError
            If `X` holds something other than real numbers.
        ValueError
            If `X` has the wrong shape or holds NaN or infinity, or a weight was set to NaN
            in place; :class:`NonFiniteError` if a weighted sum leaves float64.

        Examples
        --------
        >>> layer = Dense(2, 1, init=([[2.0], [-1.0]], [0.5]))
        >>> layer.forward([1.0, 1.0]).round(4)  # sigmoid(2 - 1 + 0.5)
        array([0.8176])
        """
        X = as_float_array(X, "X")
        one_sample = X.ndim == 1
        self._check_inputs(X)
        X = X.reshape(1, -1) if one_sample else X
        Z = weighted_sums(X, self._weights, self._bias)
        finite = np.isfinite(Z)
        if not finite.all():
            self._explain_non_finite(X, finite)
        A = self._activation.function(Z)
        self._inputs, self._z, self._outputs = X, Z, A
        return A[0] if one_sample else A

    def backward(self, grad_output=None, *, delta=None, input_gradient=True):
        r"""Backward pass: gradients of the loss for the weights, the bias and the inputs.

        Give either the gradient of the loss for this layer's outputs, ``grad_output`` =
        :math:`\partial L / \partial A`, or directly :math:`\delta = \partial L / \partial Z`
        (``delta=``, what a loss computes for its own output layer, see
        :mod:`neuron_lib.losses`). With :math:`\delta = \partial L/\partial A \odot f'(Z)`
        (for softmax, the Jacobian-vector product):

        .. math:: \frac{\partial L}{\partial W} = X^\top \delta, \qquad
                  \frac{\partial L}{\partial b} = \sum_i \delta_i, \qquad
                  \frac{\partial L}{\partial X} = \delta W^\top

        The mean over the batch is already in the gradient the loss hands in (its
        :math:`1/n`), so the bias gradient here is a plain sum over the rows.

        Parameters
        ----------
        grad_output : array_like of shape (n_samples, n_outputs), optional
        delta : array_like of shape (n_samples, n_outputs), optional
            Exactly one of the two, for the samples of the last :meth:`forward`.
        input_gradient : bool, default True
            False skips :math:`\partial L / \partial X` (a first layer's, which training
            never needs) and returns None.

        Returns
        -------
        ndarray of shape (n_samples, n_inputs), or None
            :math:`\partial L / \partial X`, the ``grad_output`` of the layer before.

        Raises
        ------
        TypeError
            For both or neither of `grad_output` and `delta`.
        ValueError
            Before any :meth:`forward`, or for a gradient of the wrong shape;
            :class:`NonFiniteError` for a gradient with NaN.
        """
        if self._z is None:
            raise ValueError("backward needs the values of a forward pass: call "
                             "forward(X) first.")
        if (grad_output is None) == (delta is None):
            raise TypeError("backward takes either grad_output (dL/dA) or delta= (dL/dZ), "
                            "exactly one of them.")
        if delta is None:
            grad_output = self._check_gradient(grad_output, "grad_output")
            slope = self._activation.derivative(self._z)
            with np.errstate(over="ignore", invalid="ignore"):
                if slope.shape == self._z.shape:  # element-wise activation
                    delta = grad_output * slope
                else:  # softmax: a Jacobian per sample, delta_j = sum_k grad_k dA_k/dZ_j
                    delta = np.einsum("nk,nkj->nj", grad_output, slope)
        else:
            delta = self._check_gradient(delta, "delta")
        # Huge weights may overflow these products; the caller (train) checks the result.
        with np.errstate(over="ignore", invalid="ignore"):
            self.grad_weights = self._inputs.T @ delta
            self.grad_bias = delta.sum(axis=0)
            if not input_gradient:
                return None
            if self._n_outputs == 1:  # the same products, 10x faster than a matmul over 1
                return delta * self._weights[:, 0]
            return delta @ self._weights.T

    # --- checks and text -------------------------------------------------------------------

    def _name(self):
        return f"Dense({self._n_inputs} -> {self._n_outputs} {self.activation})"

    def _check_inputs(self, X):
        n = self._n_inputs
        if X.ndim == 1 and X.shape[0] != n:
            raise ValueError(f"{self._name()} expects {n} inputs per sample, got {X.shape[0]}. "
                             f"Pass X of shape ({n},) for one sample or (n_samples, {n}).")
        if X.ndim == 2 and X.shape[1] != n:
            raise ValueError(f"{self._name()} expects {n} inputs per sample, got a batch of "
                             f"shape {X.shape}. Pass X of shape (n_samples, {n}): one row per "
                             "sample, one column per input.")
        if X.ndim not in (1, 2):
            raise ValueError(f"{self._name()} expects X of shape ({n},) for one sample or "
                             f"(n_samples, {n}) for a batch, got a {X.ndim}-D array of shape "
                             f"{X.shape}.")

    def _explain_non_finite(self, X, finite):
        check_finite(X, "X")  # a NaN or inf input
        check_finite(self._weights, "weights")  # edited in place to NaN or inf
        check_finite(self._bias, "bias")
        raise NonFiniteError(overflow_message(int(np.count_nonzero(
            ~finite.all(axis=1)))))

    def _check_gradient(self, values, name):
        values = as_float_array(values, name)
        if values.ndim == 1 and self._z.shape[0] == 1:
            values = values.reshape(1, -1)
        if values.shape != self._z.shape:
            raise ValueError(f"{name} must have the shape of the last forward pass's output, "
                             f"{self._z.shape} (n_samples, n_outputs), got {values.shape}.")
        if np.isnan(values).any():
            raise NonFiniteError(f"{name} contains NaN: the loss or a later layer gave an "
                                 "invalid gradient (often inf - inf after an overflow).")
        return values

    def __repr__(self):
        return f"{self._name()[:-1]}, {self.n_parameters} parameters)"


def _check_init(init, n_inputs, n_outputs):
    """Return `init` as ("uniform" | "zeros" | "xavier" | "he", None), ("constant", c) or
    ("arrays", (weights, bias)), with arrays copied and checked."""
    if isinstance(init, str):
        if init not in INITS:
            raise ValueError(f"Unknown init {init!r}. Choose one of: {', '.join(INITS)}, a "
                             "number, or a tuple (weights, bias) of arrays.")
        return ("constant", _DEFAULT_CONSTANT) if init == "constant" else (init, None)
    if isinstance(init, numbers.Real) and not isinstance(init, bool):
        return "constant", check_real_number(init, "init")
    if isinstance(init, tuple) and len(init) == 2 and isinstance(init[0], str):
        if init[0] != "constant":
            raise ValueError(f"init=({init[0]!r}, ...) is not known; only ('constant', value) "
                             "takes a value.")
        return "constant", check_real_number(init[1], "the constant of init")
    if isinstance(init, tuple):
        if len(init) != 2:
            raise ValueError(f"init as a tuple must be (weights, bias), got {len(init)} items.")
        weights, bias = init
    elif isinstance(init, (np.ndarray, list)):
        weights, bias = init, np.zeros(n_outputs)
    else:
        raise TypeError(f"init must be a name ({', '.join(INITS)}), a number, or arrays "
                        f"(weights, bias), got {_describe(init)}.")
    weights = as_float_array(weights, "init weights")
    bias = as_float_array(bias, "init bias")
    if bias.shape == () and n_outputs == 1:
        bias = bias.reshape(1)
    if weights.shape != (n_inputs, n_outputs) or bias.shape != (n_outputs,):
        raise ValueError(f"init arrays must have shapes {(n_inputs, n_outputs)} (weights) and "
                         f"({n_outputs},) (bias), got {weights.shape} and {bias.shape}.")
    check_finite(weights, "init weights")
    check_finite(bias, "init bias")
    return "arrays", (weights.copy(), bias.copy())


def _initial_values(init, n_inputs, n_outputs, rng):
    """Starting (weights, bias) for a checked `init` (see _check_init)."""
    kind, value = init
    shape = (n_inputs, n_outputs)
    if kind == "uniform":
        # Weights first, then biases: for n_outputs = 1 the same draws as Neuron(n_inputs).
        return rng.uniform(-1.0, 1.0, size=shape), rng.uniform(-1.0, 1.0, size=n_outputs)
    if kind == "xavier":
        limit = math.sqrt(6.0 / (n_inputs + n_outputs))
        return rng.uniform(-limit, limit, size=shape), np.zeros(n_outputs)
    if kind == "he":
        return rng.normal(0.0, math.sqrt(2.0 / n_inputs), size=shape), np.zeros(n_outputs)
    if kind == "zeros":
        return np.zeros(shape), np.zeros(n_outputs)
    if kind == "constant":
        return np.full(shape, value), np.full(n_outputs, value)
    return value  # "arrays": the caller's (weights, bias), already copied and checked
