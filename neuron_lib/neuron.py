"""A single artificial neuron: weighted sum, bias, sigmoid.

Underneath, a :class:`Neuron` is a one-output sigmoid layer, ``Dense(n_inputs, 1, "sigmoid")``
(:attr:`Neuron.layer`): its weights and bias live there, and it computes its weighted sum
with the same kernel. What lesson 01 teaches -- ``weights`` of shape (n_inputs,), a number
for ``bias``, :meth:`~Neuron.activate` returning a number for one sample -- is the view on
top, with the same random start for the same seed as before.
"""

import math

import numpy as np

from ._validation import (
    as_float_array,
    check_finite,
    check_n_inputs,
    check_real_number,
    check_samples,
    short_list,
)
from .activations import _sigmoid_array, _sigmoid_scalar
from .layers import Dense, NonFiniteError, overflow_message, weighted_sums

__all__ = ["Neuron"]

class Neuron:
    r"""One neuron: :math:`\hat y = \sigma(\mathbf w \cdot \mathbf x + b)`.

    Weights and bias start as random draws from U[-1, 1], so that neurons which see the
    same inputs start different ("breaking symmetry").

    Parameters
    ----------
    n_inputs : int
        Number of inputs (features) per sample; one weight each.
    rng : None, int or numpy.random.Generator, optional
        Source of the random initial weights, with the rules of
        ``np.random.default_rng``: None for fresh randomness, an int seed for the same
        weights every time.

    Attributes
    ----------
    weights : ndarray of shape (n_inputs,)
        One weight per input. May be assigned (same length, finite numbers).
    bias : float
        Added to the weighted sum. May be assigned (a finite number).
    n_inputs : int
        Read-only.
    layer : Dense
        The ``Dense(n_inputs, 1, "sigmoid")`` that holds the weights (its column 0) and
        the bias, read-only. :meth:`forward`, :meth:`backward` and :meth:`parameters` make
        the neuron trainable like any layer or network.

    Raises
    ------
    TypeError, ValueError
        If `n_inputs` is not a positive integer or `rng` is not a valid seed.

    Examples
    --------
    >>> neuron = Neuron(3, rng=0)
    >>> neuron
    Neuron(n_inputs=3, weights=[0.274, -0.46, -0.918], bias=-0.967)
    >>> round(neuron.activate([1.0, 0.0, 2.0]), 4)
    0.0738
    """

    def __init__(self, n_inputs, *, rng=None):
        self._n_inputs = check_n_inputs(n_inputs)
        # U[-1, 1]: n_inputs weights, then the bias, from the same stream as always.
        self._layer = Dense(self._n_inputs, 1, "sigmoid", init="uniform", rng=rng)
        # Views into the layer's arrays, which its setters and training change in place.
        self._weights = self._layer.weights[:, 0]
        self._bias = self._layer.bias

    @property
    def n_inputs(self):
        """Number of inputs; fixed (make a new Neuron for another number)."""
        return self._n_inputs

    @property
    def layer(self):
        """The one-output sigmoid :class:`~neuron_lib.layers.Dense` underneath."""
        return self._layer

    @property
    def weights(self):
        return self._weights

    @weights.setter
    def weights(self, values):
        weights = as_float_array(values, "weights")
        if weights.shape != (self.n_inputs,):
            raise ValueError(
                f"weights must have shape ({self.n_inputs},), one per input, got shape "
                f"{weights.shape}. Make a new Neuron({weights.size}) to change the number "
                "of inputs."
            )
        check_finite(weights, "weights")
        # Copied in, so that later changes to the caller's array do not move the neuron.
        self._weights[...] = weights

    @property
    def bias(self):
        return float(self._bias[0])

    @bias.setter
    def bias(self, value):
        self._bias[0] = check_real_number(value, "bias")

    def weighted_sum(self, x):
        r"""Compute :math:`z = \mathbf w \cdot \mathbf x + b` for one sample or a batch.

        Parameters
        ----------
        x : array_like of shape (n_inputs,) or (n_samples, n_inputs)
            One sample, or one sample per row. Finite real numbers; never modified.

        Returns
        -------
        float or ndarray of shape (n_samples,)

        Raises
        ------
        TypeError
            If `x` holds something other than real numbers.
        ValueError
            If `x` has the wrong shape, contains NaN or infinity, or the weighted sum leaves
        the range of float64 (about 1.8e308).
        """
        x = as_float_array(x, "x")
        check_samples(x, self._n_inputs)
        if x.ndim == 1:
            # One sample: the same sum in Python floats, three times faster than the array
            # kernel for a few inputs (benchmarks/activate.py). inf * 0 in the dot would
            # warn; a non-finite z is checked and explained below.
            with np.errstate(over="ignore", invalid="ignore"):
                z = float(np.dot(x, self._weights))
            z += float(self._bias[0])  # Python float arithmetic: overflow gives inf quietly
            if not math.isfinite(z):
                self._explain_non_finite(x, n_bad=1)
            return z
        z = weighted_sums(x, self._layer.weights, self._bias)[:, 0]
        # A NaN or inf input always makes its z non-finite, so checking n_samples sums is
        # enough to know that all n_samples * n_inputs inputs are finite.
        finite = np.isfinite(z)
        if not finite.all():
            self._explain_non_finite(x, n_bad=int(np.count_nonzero(~finite)))
        return z

    def _explain_non_finite(self, x, n_bad):
        """Raise the error that explains a NaN or infinite weighted sum."""
        check_finite(x)  # a NaN or inf input
        check_finite(self._weights, "weights")  # a weight edited in place to NaN or inf
        # Finite inputs and weights, yet z is not finite: the sum left float64's range. BLAS
        # may then return inf, -inf or NaN for the same sample (fused multiply-adds, several
        # partial sums), so no value would be trustworthy; say so instead.
        raise NonFiniteError(overflow_message(n_bad))

    def activate(self, x):
        r"""Forward pass: :math:`\hat y = \sigma(\mathbf w \cdot \mathbf x + b)`.

        Parameters
        ----------
        x : array_like of shape (n_inputs,) or (n_samples, n_inputs)
            One sample, or one sample per row. Finite real numbers; never modified.

        Returns
        -------
        float or ndarray of shape (n_samples,)
            The probability of the positive class (for example "spam"), in [0, 1].

        Raises
        ------
        TypeError, ValueError
            As for :meth:`weighted_sum`.

        Examples
        --------
        >>> neuron = Neuron(2, rng=1)
        >>> neuron.activate([[0.0, 0.0], [1.0, 1.0]]).round(3)
        array([0.329, 0.553])
        """
        z = self.weighted_sum(x)
        if isinstance(z, float):
            return _sigmoid_scalar(z)
        return _sigmoid_array(z, out=z)  # z is our own array: reuse its memory

    # --- the layer protocol, so that train and check_gradients take a Neuron ---------------

    def forward(self, X):
        """The layer's forward pass: like :meth:`activate`, shaped (n_samples, 1).

        See :meth:`Dense.forward <neuron_lib.layers.Dense.forward>`.
        """
        return self._layer.forward(X)

    def backward(self, grad_output=None, *, delta=None, input_gradient=True):
        """The layer's backward pass; sets the gradients that :meth:`gradients` returns.

        See :meth:`Dense.backward <neuron_lib.layers.Dense.backward>`.
        """
        return self._layer.backward(grad_output, delta=delta, input_gradient=input_gradient)

    @property
    def output_layer(self):
        """The layer whose outputs :meth:`forward` returns: :attr:`layer`."""
        return self._layer

    def parameters(self):
        """``[weights, bias]``: shapes (n_inputs,) and (1,), views of the layer's arrays, so
        that ``p -= lr * g`` moves the neuron."""
        return [self._weights, self._bias]

    def named_parameters(self):
        """``[("weights", weights), ("bias", bias)]``, as :meth:`parameters`."""
        return [("weights", self._weights), ("bias", self._bias)]

    def gradients(self):
        """``[grad_weights, grad_bias]`` of shapes (n_inputs,) and (1,), from the last
        :meth:`backward`."""
        grad_weights, grad_bias = self._layer.gradients()
        return [grad_weights[:, 0], grad_bias]

    def reset(self, rng=None):
        """Draw fresh weights and bias from U[-1, 1], as ``Neuron(n_inputs, rng=rng)`` does.

        Returns
        -------
        Neuron
            This neuron.
        """
        self._layer.reset(rng)
        return self

    def __repr__(self):
        # A long weight vector is cut short, as numpy does, so that a repr stays one line.
        return (f"Neuron(n_inputs={self.n_inputs}, weights={short_list(self._weights)}, "
                f"bias={self.bias:.3g})")
