"""Preparing data: a held-out test set, and features on a common scale."""

import math
import numbers

import numpy as np

from ._validation import (
    _describe,
    as_batch,
    as_float_array,
    check_labels_for,
    make_rng,
    short_list,
)

__all__ = ["Standardizer", "train_test_split"]

# Below this, a column's squared deviations may underflow, so its spread is measured again.
_SMALLEST_SPREAD = 1e-150
# How many means and standard deviations a Standardizer's repr shows.
_MAX_SHOWN = 8


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
    y = _as_class_labels(y)
    check_labels_for(X, y)
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


def _as_class_labels(y):
    """y as an array; refuse None and NaN, which are missing labels, not classes."""
    if isinstance(y, np.ma.MaskedArray):
        if np.ma.is_masked(y):
            raise TypeError("y is a masked array with masked entries: the mask would be "
                            "ignored. Drop the masked samples first, or fill them with "
                            "y.filled(value).")
        y = y.data
    y = np.asarray(y)
    if y.dtype.kind == "O":
        missing = [i for i, value in enumerate(y.flat) if value is None
                   or (isinstance(value, float) and math.isnan(value))]
    elif y.dtype.kind == "f":
        missing = np.flatnonzero(np.isnan(y)).tolist()
    else:
        missing = []
    if missing:
        value = y.flat[missing[0]]
        value = value.item() if isinstance(value, np.generic) else value
        raise ValueError(
            f"y holds {value!r} at index {missing[0]} ({len(missing)} missing label"
            f"{'s' if len(missing) != 1 else ''} in all): a missing label is not a class. "
            "Drop those samples from X and y first (keep the rows whose label is known), or "
            "fill the labels in.")
    if y.dtype.kind == "O":
        kinds = {type(value).__name__ for value in y.flat}
        try:
            np.unique(y)
        except TypeError:
            raise TypeError(f"y mixes labels that cannot be compared ({', '.join(sorted(kinds))})"
                            ": use one kind for every label, e.g. all 0/1 or all strings."
                            ) from None
    return y


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
        X = as_batch(X)
        constant = np.flatnonzero(X.max(axis=0) == X.min(axis=0))
        if constant.size:
            self._refuse_constant(X, constant, feature_names, "has the same value, "
                                  f"{X[0, constant[0]]:g}, in all {X.shape[0]} samples")
        with np.errstate(over="ignore", invalid="ignore"):
            mean, std = X.mean(axis=0), X.std(axis=0)
        if not (np.isfinite(mean).all() and np.isfinite(std).all()):
            raise ValueError(
                "X holds values too large to standardise in float64 (their squares overflow, "
                f"about 1e154 and above; largest here {np.abs(X).max():.3g}). Scale the "
                "data down first, e.g. X / 1e100, or take np.log1p of counts.")
        tiny = std < _SMALLEST_SPREAD
        if tiny.any():
            # The squared deviations underflow (a spread below about 1e-154): measure each
            # such column in units of its own largest deviation instead.
            deviations = X[:, tiny] - mean[tiny]
            scale = np.abs(deviations).max(axis=0)
            std[tiny] = scale * np.sqrt(np.mean((deviations / scale) ** 2, axis=0))
            if (std < np.finfo(np.float64).tiny).any():
                column = np.flatnonzero(std < np.finfo(np.float64).tiny)
                self._refuse_constant(X, column, feature_names,
                                      "has values that differ by less than float64 can tell "
                                      f"apart (spread {np.ptp(X[:, column[0]]):.3g})")
        self.mean, self.std = mean, std
        return self

    @staticmethod
    def _refuse_constant(X, columns, feature_names, what):
        column = int(columns[0])
        name = (f" ({feature_names[column]!r})" if feature_names is not None
                and column < len(feature_names) else "")
        others = f" ({columns.size} such columns in all)" if columns.size > 1 else ""
        raise ValueError(
            f"Column {column}{name} of X {what}{others}: its standard deviation is 0, so it "
            "cannot be standardised, and it tells the samples apart no better than the bias. "
            f"Drop it, e.g. X = np.delete(X, {column}, axis=1).")

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
        X = as_batch(X)
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

        return (f"Standardizer(mean={short_list(self.mean, _MAX_SHOWN)}, "
                f"std={short_list(self.std, _MAX_SHOWN)})")
