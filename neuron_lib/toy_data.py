r"""Small two-feature problems that one neuron cannot solve: XOR, moons and circles.

Made with numpy from an ``rng`` (no scikit-learn needed), with the geometry of
scikit-learn's ``make_moons`` and ``make_circles``. Each returns ``X`` of shape
(n_samples, 2) and labels ``y`` of shape (n_samples,), int64, half of each class (one more
of class 1 when `n_samples` is odd, two more for XOR's four corners), in shuffled order.
"""

import math

import numpy as np

from ._validation import check_positive_int, check_real_number, make_rng

__all__ = ["make_circles", "make_moons", "make_xor"]


def make_xor(n_samples=200, *, noise=0.15, rng=None):
    r"""Points around the four corners of the unit square, labelled by XOR of their bits.

    The corners (0, 0) and (1, 1) are class 0, (0, 1) and (1, 0) class 1: :math:`y = x_1
    \oplus x_2`. No straight line separates the classes. Each point is a corner plus
    Gaussian noise of standard deviation `noise` on each coordinate.

    Parameters
    ----------
    n_samples : int, default 200
        At least 4; the corners take turns, so each gets n_samples // 4 or one more.
    noise : float, default 0.15
        Standard deviation of the noise; 0 gives the four corners exactly.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,), int64

    Raises
    ------
    TypeError, ValueError
        For fewer than 4 samples or a negative or non-finite `noise`.

    Examples
    --------
    >>> X, y = make_xor(4, noise=0.0, rng=0)
    >>> sorted(zip(X.tolist(), y.tolist()))
    [([0.0, 0.0], 0), ([0.0, 1.0], 1), ([1.0, 0.0], 1), ([1.0, 1.0], 0)]
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    if n_samples < 4:
        raise ValueError(f"n_samples must be at least 4, one per corner, got {n_samples}.")
    noise, rng = _check_noise(noise), make_rng(rng)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    which = np.arange(n_samples) % 4
    X = corners[which] + rng.normal(scale=noise, size=(n_samples, 2)) if noise else corners[which]
    y = (corners[which, 0] != corners[which, 1]).astype(np.int64)
    return _shuffled(X, y, rng)


def make_moons(n_samples=200, *, noise=0.1, rng=None):
    """Two interleaving half circles, as scikit-learn's ``make_moons``.

    Class 0 is the upper arc :math:`(\\cos t, \\sin t)`, class 1 the lower arc
    :math:`(1 - \\cos t, 0.5 - \\sin t)`, for :math:`t` evenly spaced in :math:`[0, \\pi]`;
    plus Gaussian noise of standard deviation `noise`.

    Parameters
    ----------
    n_samples : int, default 200
        At least 2.
    noise : float, default 0.1
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = make_moons(100, rng=0)
    >>> X.shape, int(y.sum())
    ((100, 2), 50)
    """
    n_samples, noise, rng = _check(n_samples, noise, rng)
    n_upper = n_samples // 2
    t_upper = np.linspace(0.0, math.pi, n_upper)
    t_lower = np.linspace(0.0, math.pi, n_samples - n_upper)
    X = np.vstack([np.column_stack([np.cos(t_upper), np.sin(t_upper)]),
                   np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])])
    y = np.repeat(np.array([0, 1], dtype=np.int64), [n_upper, n_samples - n_upper])
    if noise:
        X += rng.normal(scale=noise, size=X.shape)
    return _shuffled(X, y, rng)


def make_circles(n_samples=200, *, noise=0.05, factor=0.5, rng=None):
    """A circle inside another, as scikit-learn's ``make_circles``: class 1 is the inner one.

    Parameters
    ----------
    n_samples : int, default 200
        At least 2.
    noise : float, default 0.05
        Standard deviation of the Gaussian noise.
    factor : float, default 0.5
        Radius of the inner circle (the outer one has radius 1), in (0, 1).
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = make_circles(4, noise=0.0, rng=0)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 3).tolist(), y.tolist()  # radius 1 or 0.5
    ([0.5, 1.0, 1.0, 0.5], [1, 0, 0, 1])
    """
    n_samples, noise, rng = _check(n_samples, noise, rng)
    factor = check_real_number(factor, "factor")
    if not 0 < factor < 1:
        raise ValueError(f"factor (the inner radius) must be between 0 and 1, got {factor}.")
    n_outer = n_samples // 2
    # Angles without the endpoint: 0 and 2 pi are the same point.
    t_outer = np.linspace(0.0, 2 * math.pi, n_outer, endpoint=False)
    t_inner = np.linspace(0.0, 2 * math.pi, n_samples - n_outer, endpoint=False)
    X = np.vstack([np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
                   factor * np.column_stack([np.cos(t_inner), np.sin(t_inner)])])
    y = np.repeat(np.array([0, 1], dtype=np.int64), [n_outer, n_samples - n_outer])
    if noise:
        X += rng.normal(scale=noise, size=X.shape)
    return _shuffled(X, y, rng)


def _check_noise(noise):
    noise = check_real_number(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise (a standard deviation) must be 0 or more, got {noise}.")
    return noise


def _check(n_samples, noise, rng):
    n_samples = check_positive_int(n_samples, "n_samples")
    if n_samples < 2:
        raise ValueError(f"n_samples must be at least 2, one per class, got {n_samples}.")
    return n_samples, _check_noise(noise), make_rng(rng)


def _shuffled(X, y, rng):
    order = rng.permutation(len(y))
    return X[order], y[order]
