"""Activation functions and their derivatives.

Every function takes a number, a list or an ndarray of any shape and returns the same shape:
a Python float for a scalar, an ndarray otherwise. NaN input raises a ValueError; +-inf is
allowed (it is the limit the function tends to).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ._validation import as_float_array


def _as_z(z):
    """Check `z` and return it as a float64 array (a view when it already is one)."""
    z_array = as_float_array(z, "z")
    if np.isnan(z_array).any():
        raise ValueError(
            "z must not contain NaN. A NaN usually comes from an earlier step "
            "(a NaN input, or inf - inf); find and replace it there."
        )
    return z_array


def _scalar_or_array(result):
    return float(result) if result.ndim == 0 else result


def _sigmoid_scalar(z):
    # The same formula as the array version, so both give the same numbers everywhere.
    try:
        return 1.0 / (1.0 + math.exp(-z))
    except OverflowError:  # z < -709.78: the true value is below the smallest normal float
        return 0.0


def _sigmoid_array(z, out=None):
    """Sigmoid of a float64 ndarray with no NaN, in four passes; `out=z` overwrites z."""
    # For z < -709, exp(-z) overflows to inf and 1 / (1 + inf) = 0.0 is the right answer
    # (the true value is below the smallest normal float), so that overflow is expected
    # and silenced. Everywhere else each step is exact to rounding: no cancellation.
    s = np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(s, out=s)
    s += 1.0
    return np.reciprocal(s, out=s)


def sigmoid(z):
    r"""Squash any real number into (0, 1): :math:`\sigma(z) = 1 / (1 + e^{-z})`.

    Numerically stable: no overflow warning anywhere in float64 (``sigmoid(-1000)`` is
    ``0.0``, ``sigmoid(1e308)`` is ``1.0``), and accurate to the last few digits wherever
    the result is a normal float (below z = -709 it is 0.0, not a subnormal number).

    Parameters
    ----------
    z : float or array_like of any shape
        Weighted sums. ``+inf`` and ``-inf`` are allowed; NaN is not.

    Returns
    -------
    float or ndarray of the same shape as `z`
        Values in [0, 1]: exactly 1.0 above z = 37, exactly 0.0 below z = -709.

    Raises
    ------
    TypeError
        If `z` holds something other than real numbers.
    ValueError
        If `z` contains NaN.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-2.0, 2.0]).round(4)
    array([0.1192, 0.8808])
    """
    z = _as_z(z)
    if z.ndim == 0:
        return _sigmoid_scalar(float(z))
    return _sigmoid_array(z)


def sigmoid_derivative(z):
    r"""Slope of the sigmoid: :math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))`.

    Computed as :math:`e^{-|z|} / (1 + e^{-|z|})^2`, which is the same number without the
    cancellation of ``1 - sigmoid(z)`` for large ``z``.

    Parameters
    ----------
    z : float or array_like of any shape
        Points at which to take the slope.

    Returns
    -------
    float or ndarray of the same shape as `z`
        Values in [0, 0.25]; 0.25 at ``z = 0``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`.

    Examples
    --------
    >>> sigmoid_derivative(0.0)
    0.25
    """
    z = _as_z(z)
    e = np.exp(-np.abs(z))
    return _scalar_or_array(e / (1.0 + e) ** 2)


def relu(z):
    r"""Rectified linear unit: :math:`\mathrm{ReLU}(z) = \max(0, z)`.

    Parameters
    ----------
    z : float or array_like of any shape
        Weighted sums.

    Returns
    -------
    float or ndarray of the same shape as `z`
        `z` where it is positive, 0 elsewhere.

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    z = _as_z(z)
    return _scalar_or_array(np.maximum(z, 0.0))


def relu_derivative(z):
    r"""Slope of ReLU: 1 where :math:`z > 0`, 0 where :math:`z \le 0`.

    ReLU has no slope at exactly 0; like most frameworks we use 0 there.

    Parameters
    ----------
    z : float or array_like of any shape
        Points at which to take the slope.

    Returns
    -------
    float or ndarray of the same shape as `z`
        0.0 or 1.0 at each point.

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`.

    Examples
    --------
    >>> relu_derivative([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    z = _as_z(z)
    return _scalar_or_array((z > 0).astype(np.float64))


def tanh(z):
    r"""Hyperbolic tangent: :math:`\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1`.

    An S-curve like the sigmoid, but centred on 0, with outputs in (-1, 1).

    Parameters
    ----------
    z : float or array_like of any shape
        Weighted sums. ``+inf`` and ``-inf`` are allowed; NaN is not.

    Returns
    -------
    float or ndarray of the same shape as `z`
        Values in [-1, 1].

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`.

    Examples
    --------
    >>> tanh(0.0)
    0.0
    >>> tanh([-1.0, 1.0]).round(4)
    array([-0.7616,  0.7616])
    """
    z = _as_z(z)
    return _scalar_or_array(np.tanh(z))


def tanh_derivative(z):
    r"""Slope of tanh: :math:`\tanh'(z) = 1 - \tanh^2(z)`.

    Computed as :math:`4e^{-2|z|} / (1 + e^{-2|z|})^2`, the same number without the
    cancellation of ``1 - tanh(z)**2`` for large ``|z|``.

    Parameters
    ----------
    z : float or array_like of any shape
        Points at which to take the slope.

    Returns
    -------
    float or ndarray of the same shape as `z`
        Values in [0, 1]; 1 at ``z = 0``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`.

    Examples
    --------
    >>> tanh_derivative(0.0)
    1.0
    """
    z = _as_z(z)
    e = np.exp(-np.abs(z))
    e *= e  # exp(-2|z|), without computing 2|z|, which overflows for |z| > 9e307
    return _scalar_or_array(4.0 * e / (1.0 + e) ** 2)


def _check_alpha(alpha):
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.integer, np.floating)):
        raise TypeError(f"alpha must be a number, got {type(alpha).__name__}. Try alpha=0.01.")
    if not 0.0 <= alpha < 1.0:
        raise ValueError(
            f"alpha must be in [0, 1), got {alpha}. It is the slope for negative z: small, "
            "such as 0.01 (alpha=0 gives plain ReLU)."
        )
    return float(alpha)


def leaky_relu(z, alpha=0.01):
    r"""Leaky ReLU: :math:`z` for :math:`z > 0`, :math:`\alpha z` otherwise.

    Like ReLU, but with a small slope `alpha` for negative `z`, so that a neuron whose
    weighted sum is negative still passes on a little signal (and a little gradient).

    Parameters
    ----------
    z : float or array_like of any shape
        Weighted sums.
    alpha : float, default 0.01
        Slope for negative `z`, in [0, 1).

    Returns
    -------
    float or ndarray of the same shape as `z`

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`, or for an `alpha` outside [0, 1).

    Examples
    --------
    >>> leaky_relu([-2.0, 0.0, 3.0])
    array([-0.02,  0.  ,  3.  ])
    """
    alpha = _check_alpha(alpha)
    z = _as_z(z)
    return _scalar_or_array(np.where(z > 0, z, alpha * z))


def leaky_relu_derivative(z, alpha=0.01):
    r"""Slope of leaky ReLU: 1 where :math:`z > 0`, `alpha` where :math:`z \le 0`.

    Parameters
    ----------
    z : float or array_like of any shape
        Points at which to take the slope.
    alpha : float, default 0.01
        Slope for negative `z`, in [0, 1).

    Returns
    -------
    float or ndarray of the same shape as `z`

    Raises
    ------
    TypeError, ValueError
        As for :func:`leaky_relu`.

    Examples
    --------
    >>> leaky_relu_derivative([-1.0, 2.0])
    array([0.01, 1.  ])
    """
    alpha = _check_alpha(alpha)
    z = _as_z(z)
    return _scalar_or_array(np.where(z > 0, 1.0, alpha))


def identity(z):
    r"""The identity: :math:`f(z) = z`, a layer with no activation (a purely linear layer).

    Parameters
    ----------
    z : float or array_like of any shape
        Weighted sums.

    Returns
    -------
    float or ndarray of the same shape as `z`
        A copy of `z`.

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`.

    Examples
    --------
    >>> identity([-2.0, 3.0])
    array([-2.,  3.])
    """
    z = _as_z(z)
    return _scalar_or_array(np.array(z, dtype=np.float64))


def identity_derivative(z):
    r"""Slope of the identity: 1 everywhere.

    Parameters
    ----------
    z : float or array_like of any shape

    Returns
    -------
    float or ndarray of the same shape as `z`
        All ones.

    Examples
    --------
    >>> identity_derivative([-2.0, 3.0])
    array([1., 1.])
    """
    z = _as_z(z)
    return _scalar_or_array(np.ones_like(z))


def softmax(z):
    r"""Turn each row of scores into probabilities: :math:`p_k = e^{z_k} / \sum_j e^{z_j}`.

    Works along the last axis: a 1-D `z` is one sample's scores (logits), one per class; a
    2-D `z` holds one sample per row. Computed as :math:`e^{z_k - m} / \sum_j e^{z_j - m}`
    with :math:`m = \max_j z_j`, which is the same number (softmax does not change when the
    same value is added to every score) with no overflow: the largest exponent is
    :math:`e^0 = 1`. Scores of +-1000 are fine; a ``+inf`` score takes all the
    probability (shared equally if several are ``+inf``).

    Parameters
    ----------
    z : float or array_like of shape (n_classes,) or (n_samples, n_classes)
        Scores. ``+inf`` and ``-inf`` are allowed; NaN is not.

    Returns
    -------
    float or ndarray of the same shape as `z`
        Probabilities in [0, 1]; each row sums to 1 (a single number gives 1.0).

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`.

    Examples
    --------
    >>> softmax([1.0, 2.0, 3.0]).round(4)
    array([0.09  , 0.2447, 0.6652])
    >>> softmax([1000.0, 0.0])  # no overflow
    array([1., 0.])
    """
    z = _as_z(z)
    if z.ndim == 0:
        return 1.0
    top = np.max(z, axis=-1, keepdims=True)
    if np.isinf(top).any():
        return _softmax_with_infinities(z, top)
    # z - top <= 0, so exp never overflows; a gap beyond float64 (1e308 - -1e308) is -inf,
    # whose exp, 0, is right.
    with np.errstate(over="ignore"):
        e = np.exp(z - top)
    e /= e.sum(axis=-1, keepdims=True)
    return e


def _softmax_with_infinities(z, top):
    """Rows whose largest score is +inf share all probability among their +inf scores; rows
    of only -inf are uniform (every score equally unlikely); other rows as usual."""
    finite_top = np.where(np.isinf(top), 0.0, top)
    with np.errstate(over="ignore", invalid="ignore"):  # -inf - 0 is -inf, exp gives 0
        e = np.exp(z - finite_top)
    e = np.where(top == np.inf, (z == np.inf).astype(np.float64), e)
    e = np.where(top == -np.inf, 1.0, e)
    e /= e.sum(axis=-1, keepdims=True)
    return e


def softmax_derivative(z):
    r"""Jacobian of softmax: :math:`\partial p_i / \partial z_j = p_i(\delta_{ij} - p_j)`.

    Unlike the element-wise activations, each probability depends on every score of its
    row, so the derivative is a matrix per sample, one more axis than `z`. A layer uses it
    as ``delta = grad @ J`` per sample; with categorical cross-entropy the product
    simplifies to ``p - one_hot`` (see :mod:`neuron_lib.losses`).

    Parameters
    ----------
    z : float or array_like of shape (n_classes,) or (n_samples, n_classes)

    Returns
    -------
    float or ndarray of shape ``z.shape + (n_classes,)``
        0.0 for a single number (softmax of one score is always 1).

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`.

    Examples
    --------
    >>> softmax_derivative([0.0, 0.0])  # p = [0.5, 0.5]
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    p = softmax(z)
    if isinstance(p, float):
        return 0.0
    jacobian = -p[..., :, None] * p[..., None, :]
    diagonal = np.einsum("...ii->...i", jacobian)  # a writable view of the diagonal
    diagonal += p
    return jacobian


@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative and its name (its colour: :mod:`neuron_lib.style`).

    Attributes
    ----------
    name : str
        Its key in :data:`ACTIVATIONS`.
    function, derivative : callable
        ``f(z)`` and ``f'(z)``, each taking and returning arrays of any shape.
    formula : str
        The definition in LaTeX, for plot titles.
    output_range : str
        The values it can take, in words.
    label : str
        Its name for people: "leaky ReLU" for "leaky_relu".
    """

    name: str
    function: Callable
    derivative: Callable
    formula: str
    output_range: str
    label: str


ACTIVATIONS = MappingProxyType({
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative,
                          r"$\sigma(z) = \dfrac{1}{1 + e^{-z}}$", "(0, 1)", "sigmoid"),
    "relu": Activation("relu", relu, relu_derivative,
                       r"$\mathrm{ReLU}(z) = \max(0, z)$", "[0, ∞)", "ReLU"),
    "tanh": Activation("tanh", tanh, tanh_derivative,
                       r"$\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$", "(−1, 1)",
                       "tanh"),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_derivative,
                             r"$\mathrm{LeakyReLU}(z) = \max(0.01z, z)$", "(−∞, ∞)",
                             "leaky ReLU"),
    "identity": Activation("identity", identity, identity_derivative, r"$f(z) = z$",
                           "(−∞, ∞)", "identity"),
    "softmax": Activation("softmax", softmax, softmax_derivative,
                          r"$\mathrm{softmax}(z)_k = \dfrac{e^{z_k}}{\sum_j e^{z_j}}$",
                          "(0, 1), each row summing to 1", "softmax"),
})
"""Every activation of the course by name; read-only."""


def get_activation(name):
    """Look up an activation function and its derivative by name.

    Parameters
    ----------
    name : str
        One of ``"sigmoid"``, ``"relu"``, ``"tanh"``, ``"leaky_relu"``, ``"identity"``,
        ``"softmax"``.

    Returns
    -------
    Activation

    Raises
    ------
    ValueError
        For an unknown name; the message lists the known ones.

    Examples
    --------
    >>> get_activation("tanh").derivative(0.0)
    1.0
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"Unknown activation {name!r}. Choose one of: {', '.join(ACTIVATIONS)}."
        ) from None
