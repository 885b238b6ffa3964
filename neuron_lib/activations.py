"""Activation functions and their derivatives.

Every function takes a number, a list or an ndarray of any shape and returns the same shape:
a Python float for a scalar, an ndarray otherwise. NaN input raises a ValueError; +-inf is
allowed (it is the limit the function tends to).
"""

import math
import numbers
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


# numpy's exp, bound once: a learner who reassigns np.exp cannot change our sigmoid, and the
# scalar and the array path share it (math.exp differs from np.exp in the last digit for
# about 1 in 20 inputs, which would make sigmoid(z) and sigmoid([z]) disagree).
_exp = np.exp


def _sigmoid_scalar(z):
    """Sigmoid of one float, the piecewise-stable form (see :func:`sigmoid`)."""
    if abs(z) < 708.0:
        e = float(_exp(-abs(z)))  # e^-|z| in [0, 1]: it never overflows
    else:  # a subnormal or zero e^-|z|: quiet even where np.seterr(all="raise") is set
        with np.errstate(under="ignore"):
            e = float(_exp(-abs(z)))
    return 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)


# Elements per block in _sigmoid_array: its scratch arrays (2 x 128 kB) stay in the CPU's
# cache, so its seven passes (the one-formula sigmoid needs four) cost little more than
# reading z and writing the result once, and no array as large as z is allocated.
_BLOCK = 16384


def _sigmoid_array(z, out=None):
    """Sigmoid of a float64 ndarray with no NaN, the piecewise-stable form; `out=z` writes
    the result over z. The same numbers as `_sigmoid_scalar`, element for element."""
    result = out if out is not None and out.flags.c_contiguous else np.empty(z.shape)
    flat_z, flat_result = np.ravel(z), result.reshape(-1)
    size = min(_BLOCK, flat_z.size)
    e_block, numerator_block = np.empty(size), np.empty(size)
    with np.errstate(under="ignore"):  # e^-|z| below 1e-308 is subnormal or 0, as it should
        for start in range(0, flat_z.size, _BLOCK):
            stop = min(start + _BLOCK, flat_z.size)
            block = flat_z[start:stop]
            e, numerator = e_block[:stop - start], numerator_block[:stop - start]
            np.abs(block, out=e)
            np.negative(e, out=e)
            _exp(e, out=e)  # e^-|z|, in [0, 1]: it never overflows
            # The numerator without a branch per element: (z >= 0) is 1.0 or 0.0, so
            # max(e, z >= 0) is 1 for z >= 0 and e = e^z for z < 0.
            np.greater_equal(block, 0.0, out=numerator)
            np.maximum(e, numerator, out=numerator)
            e += 1.0
            np.divide(numerator, e, out=flat_result[start:stop])  # 1/(1+e^-z) or e^z/(1+e^z)
    if out is not None and result is not out:
        out[...] = result
        return out
    return result


def sigmoid(z):
    r"""Squash any real number into (0, 1): :math:`\sigma(z) = 1 / (1 + e^{-z})`.

    Computed in the piecewise-stable form, so that no exponential ever exceeds 1 (and none
    can overflow):

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}} \text{ for } z \ge 0, \qquad
              \sigma(z) = \frac{e^{z}}{1 + e^{z}} \text{ for } z < 0

    (the second is the first with top and bottom multiplied by :math:`e^z`). So there is no
    overflow and no warning anywhere in float64: ``sigmoid(-1000)`` is ``0.0``,
    ``sigmoid(1e308)`` is ``1.0``; results are accurate to the last few digits, and a number
    and an array give exactly the same values.

    Parameters
    ----------
    z : float or array_like of any shape
        Weighted sums. ``+inf`` and ``-inf`` are allowed; NaN is not.

    Returns
    -------
    float or ndarray of the same shape as `z`
        Values in [0, 1]: exactly 1.0 above z = 37, exactly 0.0 below z = -745.

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
    r"""Hyperbolic tangent, :math:`\tanh(z) = (e^{z} - e^{-z}) / (e^{z} + e^{-z}) = 2\sigma(2z)-1`.

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
    if isinstance(alpha, (bool, np.bool_)) or not isinstance(alpha, numbers.Real):
        raise TypeError(f"alpha must be a number, got {type(alpha).__name__}. Try alpha=0.01.")
    try:
        value = float(alpha)
    except OverflowError:
        value = math.inf
    if not 0.0 <= value < 1.0:
        shown = repr(value) if math.isfinite(value) or not isinstance(alpha, numbers.Integral) \
            else "an integer above 1.8e308"
        raise ValueError(
            f"alpha must be in [0, 1), got {shown}. It is the slope for negative z: "
            "small, such as 0.01 (alpha=0 gives plain ReLU)."
        )
    return value


def _leaky(z, alpha):
    """z where z > 0, alpha * z elsewhere; 0.0 (never -0.0 or NaN) for alpha = 0."""
    if alpha == 0.0:
        return np.where(z > 0, z, 0.0)  # alpha * -inf would be NaN
    return np.where(z > 0, z, alpha * z) + 0.0  # + 0.0 turns -0.0 into 0.0


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
    return _scalar_or_array(_leaky(z, alpha))


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
    """An activation function with its derivative and its name (colours: :mod:`neuron_lib.style`).

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
