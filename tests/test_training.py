"""Tests for neuron_lib.training: loss, gradient, split, standardisation, training, metrics."""

import math
import warnings

import numpy as np
import pytest
from helpers import no_floating_point_warnings

from neuron_lib import Dense, Network, Neuron, sigmoid
from neuron_lib.datasets import load_spam
from neuron_lib.training import (
    EPS,
    History,
    Standardizer,
    TrainingWarning,
    accuracy,
    binary_cross_entropy,
    confusion_matrix,
    loss_gradient,
    precision,
    predict,
    recall,
    train,
    train_test_split,
)


@pytest.fixture(scope="module")
def spam_split():
    """The lesson's setup: our stratified 75/25 split (rng=0), log1p, standardised."""
    X, y, _ = load_spam()
    X_train, X_test, y_train, y_test = train_test_split(np.log1p(X), y, rng=0)
    scaler = Standardizer().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def make_neuron(weights, bias):
    neuron = Neuron(len(weights), rng=0)
    neuron.weights, neuron.bias = weights, bias
    return neuron


def noisy_problem(seed, n_samples=200, n_features=3):
    """Labels that a line separates only roughly (so the best weights are finite)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    y = (X @ rng.normal(size=n_features) + rng.normal(scale=1.5, size=n_samples) > 0)
    return X, y.astype(np.int64)


# --- binary_cross_entropy ------------------------------------------------------------------


def test_loss_known_values():
    # y = [1, 0, 1], y_hat = [0.8, 0.4, 0.5]:
    # -log 0.8 = 0.2231435513142097, -log(1 - 0.4) = 0.5108256237659907,
    # -log 0.5 = 0.6931471805599453; mean = 1.4271163556401457 / 3 = 0.4757054518800486
    loss = binary_cross_entropy([1, 0, 1], [0.8, 0.4, 0.5])
    assert type(loss) is float
    np.testing.assert_allclose(loss, 0.4757054518800486, rtol=1e-14)


def test_loss_of_a_coin_flip_is_log_2():
    np.testing.assert_allclose(binary_cross_entropy([0, 1, 1, 0], np.full(4, 0.5)),
                               math.log(2), rtol=1e-15)


def test_loss_scalar_in_float_out():
    # -log(1 - 0.25) = 0.2876820724517809
    loss = binary_cross_entropy(0, 0.25)
    assert type(loss) is float
    np.testing.assert_allclose(loss, 0.2876820724517809, rtol=1e-14)


def test_loss_is_finite_for_predictions_of_exactly_0_and_1():
    """Certain and wrong: -log(eps) = 36.04365338911715 per sample, not inf; certain and
    right: -log(1 - eps) = 2.2e-16, not 0 exactly but as good as."""
    with no_floating_point_warnings():
        wrong = binary_cross_entropy([1, 0], [0.0, 1.0])
        right = binary_cross_entropy([1, 0], [1.0, 0.0])
    np.testing.assert_allclose(wrong, -math.log(EPS), rtol=1e-15)
    np.testing.assert_allclose(wrong, 36.04365338911715, rtol=1e-15)
    assert 0.0 <= right < 1e-15


@pytest.mark.parametrize("seed", range(3))
def test_loss_matches_scikit_learn_log_loss(seed):
    """Random predictions, and predictions of exactly 0 and 1 (both clip to float eps)."""
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=50)
    y_hat = rng.uniform(size=50)
    y_hat[:5] = [0.0, 1.0, 0.0, 1.0, 0.5]
    np.testing.assert_allclose(binary_cross_entropy(y, y_hat),
                               metrics.log_loss(y, y_hat, labels=[0, 1]), rtol=1e-12)


@pytest.mark.parametrize(("y", "y_hat", "error", "match"), [
    ([0, 2], [0.5, 0.5], ValueError, r"y must hold class labels 0 and 1, got 2\.0 at index 1"),
    ([0.3, 0.9], [0, 1], ValueError, r"got 0\.3 at index 0\. That looks like a probability"),
    ([0, 1], [0.5, 1.5], ValueError, (r"y_hat must hold probabilities in \[0, 1\], got 1\.5 at "
                                     r"index 1\. Pass the neuron's output after the sigmoid")),
    ([0, 1], [0.5, -0.1], ValueError, r"got -0\.1 at index 1"),
    ([0, 1], [0.5, np.nan], ValueError, r"got nan at index 1"),
    ([0, 1, 1], [0.5, 0.5], ValueError, (r"y and y_hat must have the same shape \(one value "
                                        r"per sample\), got \(3,\) and \(2,\)")),
    ([], [], ValueError, r"y and y_hat are empty"),
    (["a", "b"], [0.5, 0.5], TypeError, r"y must hold class labels 0 and 1, got the word 'a'"),
])
def test_loss_errors(y, y_hat, error, match):
    with pytest.raises(error, match=match):
        binary_cross_entropy(y, y_hat)


# --- loss_gradient -------------------------------------------------------------------------


def test_gradient_known_values():
    # X = [[1, 2], [3, 4]], y = [1, 0], w = 0, b = 0: y_hat = [0.5, 0.5],
    # y_hat - y = [-0.5, 0.5]; X.T @ [-0.5, 0.5] / 2 = [(-0.5 + 1.5) / 2, (-1 + 2) / 2]
    # = [0.5, 0.5]; grad_b = mean([-0.5, 0.5]) = 0
    grad_w, grad_b = loss_gradient([[1.0, 2.0], [3.0, 4.0]], [1, 0], [0.0, 0.0], 0.0)
    np.testing.assert_allclose(grad_w, [0.5, 0.5], rtol=1e-15)
    assert type(grad_b) is float and grad_b == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_gradient_matches_central_differences(seed):
    """d loss / d w_j ~ (L(w + h e_j) - L(w - h e_j)) / 2h, for every weight and the bias."""
    rng = np.random.default_rng(seed)
    X = rng.normal(scale=2.0, size=(30, 4))
    y = rng.integers(0, 2, size=30)
    weights, bias = rng.normal(size=4), float(rng.normal())

    def loss(w, b):
        return binary_cross_entropy(y, sigmoid(X @ w + b))

    h = 1e-6
    numeric_w = [(loss(weights + h * e, bias) - loss(weights - h * e, bias)) / (2 * h)
                 for e in np.eye(4)]
    numeric_b = (loss(weights, bias + h) - loss(weights, bias - h)) / (2 * h)
    grad_w, grad_b = loss_gradient(X, y, weights, bias)
    np.testing.assert_allclose(grad_w, numeric_w, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(grad_b, numeric_b, rtol=1e-6, atol=1e-9)


def test_gradient_is_zero_at_scikit_learns_optimum():
    """At unpenalised logistic regression's solution, the gradient vanishes."""
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y = noisy_problem(seed=1)
    model = linear_model.LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    grad_w, grad_b = loss_gradient(X, y, model.coef_[0], model.intercept_[0])
    np.testing.assert_allclose(grad_w, 0.0, atol=1e-6)
    np.testing.assert_allclose(grad_b, 0.0, atol=1e-6)


@pytest.mark.parametrize(("X", "y", "weights", "match"), [
    ([[1.0, 2.0]], [1], [0.0], (r"weights must have shape \(2,\), one per column of X, got "
                               r"shape \(1,\)")),
    ([1.0, 2.0], [1], [0.0, 0.0], (r"X must be a 2-D array of shape \(n_samples, n_features\), "
                                  r"got 1-D shape \(2,\)\. For a single sample pass \[x\]")),
    ([[1.0, 2.0]], [1, 0], [0.0, 0.0], r"y must have shape \(1,\), one label per row of X"),
    ([[1.0, np.inf]], [1], [0.0, 0.0], r"X must be finite, got inf at index \(0, 1\)"),
    ([[1e300, 1e300]], [1], [1e10, 1e10], r"The weighted sum overflowed float64"),
])
def test_gradient_errors(X, y, weights, match):
    with pytest.raises(ValueError, match=match):
        loss_gradient(X, y, weights, 0.0)


# --- train_test_split ----------------------------------------------------------------------


def test_split_sizes_and_that_every_sample_is_used_once():
    """X holds each sample's index, so the two parts can be checked against each other."""
    X = np.arange(20.0).reshape(10, 2)
    y = np.array([0, 1] * 5)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, rng=0)
    assert X_train.shape == (7, 2) and X_test.shape == (3, 2)  # ceil(0.3 * 10) = 3
    rows = np.concatenate([X_train[:, 0], X_test[:, 0]]) // 2
    assert sorted(rows.tolist()) == list(range(10))
    # Each label travelled with its own row: label = row index % 2.
    np.testing.assert_array_equal(y_train, X_train[:, 0] // 2 % 2)
    np.testing.assert_array_equal(y_test, X_test[:, 0] // 2 % 2)


def test_split_is_reproducible_with_a_seed_and_varies_without():
    X, y = np.arange(200.0).reshape(100, 2), np.arange(100) % 2
    first, again = train_test_split(X, y, rng=3), train_test_split(X, y, rng=3)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    other = train_test_split(X, y, rng=4)
    assert not np.array_equal(first[1], other[1])


def test_split_shuffles_rather_than_cutting_in_order():
    X, y = np.arange(200.0).reshape(100, 2), np.arange(100) % 2
    for stratify in (True, False):
        X_train, _, _, _ = train_test_split(X, y, rng=0, stratify=stratify)
        assert not np.all(np.diff(X_train[:, 0]) > 0)


@pytest.mark.parametrize("test_size", [0.25, 0.2, 0.5, 0.1, 100])
def test_stratified_class_counts_match_scikit_learn(test_size):
    """Same number of spam and of other emails in the test set as scikit-learn's split."""
    model_selection = pytest.importorskip("sklearn.model_selection")
    X, y, _ = load_spam()
    _, _, _, y_test = train_test_split(X, y, test_size=test_size, rng=0)
    _, _, _, reference = model_selection.train_test_split(X, y, test_size=test_size,
                                                          stratify=y, random_state=0)
    np.testing.assert_array_equal(np.bincount(y_test), np.bincount(reference))
    # And the share of spam stays 1813 / 4601 = 39.4% up to one email of rounding.
    assert abs(np.mean(y_test) - 1813 / 4601) <= 1 / len(y_test)


def test_stratified_split_of_imbalanced_classes():
    """97 / 23: test_size 0.3 gives ceil(36) = 36 test samples, 36 * 23 / 120 = 6.9 -> 7."""
    y = np.array([0] * 97 + [1] * 23)
    X = np.zeros((120, 1))
    _, _, y_train, y_test = train_test_split(X, y, test_size=0.3, rng=1)
    assert np.bincount(y_test).tolist() == [29, 7]
    assert np.bincount(y_train).tolist() == [68, 16]


def test_unstratified_split_can_unbalance_classes():
    """Without stratify the share of class 1 in the test set varies from seed to seed."""
    y = np.array([0] * 50 + [1] * 50)
    counts = {int(train_test_split(np.zeros((100, 1)), y, rng=seed, stratify=False)[3].sum())
              for seed in range(20)}
    assert len(counts) > 1


@pytest.mark.parametrize(("test_size", "error", "match"), [
    (0.0, ValueError, r"test_size must be a fraction between 0 and 1 .*got 0\.0"),
    (1.0, ValueError, r"got 1\.0\. Try test_size=0\.25"),
    (-0.2, ValueError, r"got -0\.2"),
    (0.999, ValueError, r"test_size=0\.999 leaves no training samples out of 10"),
    (0, ValueError, r"test_size=0 samples must be between 1 and 9"),
    (10, ValueError, r"test_size=10 samples must be between 1 and 9"),
    ("0.25", TypeError, r"test_size must be a fraction \(float\) or a number of samples"),
    (True, TypeError, r"test_size must be a fraction"),
])
def test_split_rejects_bad_test_sizes(test_size, error, match):
    with pytest.raises(error, match=match):
        train_test_split(np.zeros((10, 2)), np.arange(10) % 2, test_size=test_size)


def test_split_errors():
    with pytest.raises(ValueError, match=r"Class 1 has only 1 sample, so it cannot be in both"):
        train_test_split(np.zeros((5, 1)), [0, 0, 0, 0, 1])
    train_test_split(np.zeros((5, 1)), [0, 0, 0, 0, 1], stratify=False)  # allowed
    with pytest.raises(ValueError, match=r"y must have shape \(4,\), one label per row of X"):
        train_test_split(np.zeros((4, 1)), [0, 1, 0])
    with pytest.raises(ValueError, match=r"X must be a 2-D array.*For one feature use X\[:, "):
        train_test_split(np.zeros(4), [0, 1, 0, 1])
    with pytest.raises(TypeError, match=r"stratify must be True or False, got str 'y'"):
        train_test_split(np.zeros((4, 1)), [0, 1, 0, 1], stratify="y")
    with pytest.raises(TypeError, match=r"rng must be None, an int seed"):
        train_test_split(np.zeros((4, 1)), [0, 1, 0, 1], rng="seed")


# --- Standardizer --------------------------------------------------------------------------


def test_standardizer_matches_scikit_learn():
    preprocessing = pytest.importorskip("sklearn.preprocessing")
    rng = np.random.default_rng(0)
    X_train = rng.normal(loc=[5.0, -3.0, 100.0], scale=[2.0, 0.1, 40.0], size=(50, 3))
    X_test = rng.normal(size=(7, 3))
    ours, reference = Standardizer().fit(X_train), preprocessing.StandardScaler().fit(X_train)
    np.testing.assert_allclose(ours.mean, reference.mean_, rtol=1e-14)
    np.testing.assert_allclose(ours.std, reference.scale_, rtol=1e-14)
    np.testing.assert_allclose(ours.transform(X_test), reference.transform(X_test), rtol=1e-12)


def test_standardised_training_data_has_mean_0_and_std_1():
    X = np.random.default_rng(1).exponential(scale=[1.0, 300.0], size=(40, 2))
    X_std = Standardizer().fit_transform(X)
    np.testing.assert_allclose(X_std.mean(axis=0), 0.0, atol=1e-14)
    np.testing.assert_allclose(X_std.std(axis=0), 1.0, rtol=1e-14)


def test_transform_uses_the_training_statistics():
    # fit on [[1], [3]]: mean 2, std 1; then 5 -> (5 - 2) / 1 = 3, not the 0 a refit gives
    scaler = Standardizer().fit([[1.0], [3.0]])
    np.testing.assert_array_equal(scaler.transform([[5.0]]), [[3.0]])
    assert repr(scaler) == "Standardizer(mean=[2], std=[1])"


def test_standardizer_errors():
    with pytest.raises(ValueError, match=r"Column 1 \('bias_feature'\) of X has the same value, "
                       r"7, in all 3 samples: its standard deviation is 0.*np\.delete\(X, 1, "
                       r"axis=1\)"):
        Standardizer().fit([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]],
                           feature_names=["a", "bias_feature"])
    with pytest.raises(ValueError, match=r"Column 0 of X .* \(2 such columns in all\)"):
        Standardizer().fit([[0.1, 7.0], [0.1, 7.0]])
    with pytest.raises(ValueError, match=r"has not learnt any mean yet\. Call fit\(X_train\)"):
        Standardizer().transform([[1.0]])
    assert repr(Standardizer()) == "Standardizer(not fitted)"
    with pytest.raises(ValueError, match=r"X has 3 columns, but this Standardizer was fitted "
                       r"on 2"):
        Standardizer().fit([[1.0, 2.0], [3.0, 5.0]]).transform([[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match=r"X must be finite, got nan"):
        Standardizer().fit([[1.0], [np.nan]])


# --- train ---------------------------------------------------------------------------------


def test_one_epoch_is_one_gradient_step():
    """w <- w - lr * grad_w, b <- b - lr * grad_b, with the gradient of loss_gradient."""
    X, y = noisy_problem(seed=2, n_samples=20)
    weights, bias = np.array([0.3, -0.2, 0.5]), 0.1
    grad_w, grad_b = loss_gradient(X, y, weights, bias)
    neuron = make_neuron(weights, bias)
    history = train(neuron, X, y, lr=0.3, epochs=1)
    np.testing.assert_allclose(neuron.weights, weights - 0.3 * grad_w, rtol=1e-14)
    np.testing.assert_allclose(neuron.bias, bias - 0.3 * grad_b, rtol=1e-14)
    # The history records the state after the step, and the state before it.
    np.testing.assert_allclose(history.loss, [binary_cross_entropy(y, neuron.activate(X))],
                               rtol=1e-12)
    np.testing.assert_allclose(history.initial_loss,
                               binary_cross_entropy(y, sigmoid(X @ weights + bias)), rtol=1e-12)
    assert history.accuracy == [accuracy(y, predict(neuron, X))]


def test_training_reduces_the_loss_at_every_epoch():
    X, y = noisy_problem(seed=3)
    with no_floating_point_warnings():
        history = train(Neuron(3), X, y, lr=0.5, epochs=100, rng=0)
    assert len(history.loss) == len(history.accuracy) == 100
    assert history.loss[-1] < history.initial_loss - 0.05  # 0.678 -> 0.596
    assert np.all(np.diff([history.initial_loss, *history.loss]) < 0)
    assert history.warnings == [] and history.stop_reason is None
    assert history.accuracy[-1] > history.initial_accuracy


def test_training_finds_scikit_learns_logistic_regression():
    """A sigmoid neuron with cross-entropy is logistic regression: same optimum."""
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y = noisy_problem(seed=4)
    neuron = Neuron(3)
    train(neuron, X, y, lr=1.0, epochs=3000, rng=0)
    model = linear_model.LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(neuron.weights, model.coef_[0], rtol=1e-5)
    np.testing.assert_allclose(neuron.bias, model.intercept_[0], rtol=1e-5, atol=1e-7)


def test_spam_test_accuracy_within_one_point_of_scikit_learn(spam_split):
    """The issue's target, on the same split and features (defaults lr=1, 500 epochs)."""
    linear_model = pytest.importorskip("sklearn.linear_model")
    X_train, X_test, y_train, y_test = spam_split
    neuron = Neuron(6)
    history = train(neuron, X_train, y_train, rng=0)
    ours = accuracy(y_test, predict(neuron, X_test))
    reference = linear_model.LogisticRegression().fit(X_train, y_train).score(X_test, y_test)
    assert abs(ours - reference) <= 0.01
    assert ours > 0.84
    assert history.warnings == []


def test_a_single_neuron_learns_from_zero_weights(spam_split):
    """No symmetry to break with one neuron: zeros are a fine start (rng=None keeps them)."""
    X_train, _, y_train, _ = spam_split
    neuron = make_neuron(np.zeros(6), 0.0)
    history = train(neuron, X_train, y_train, lr=1.0, epochs=100)
    np.testing.assert_allclose(history.initial_loss, math.log(2), rtol=1e-12)  # y_hat = 0.5
    assert history.loss[-1] < 0.4 and history.accuracy[-1] > 0.84
    assert len(set(np.round(neuron.weights, 6))) == 6  # every weight went its own way


def test_rng_reinitialises_like_a_new_neuron():
    X, y = noisy_problem(seed=5)
    first, second = make_neuron([9.0, 9.0, 9.0], 9.0), Neuron(3, rng=123)
    train(first, X, y, epochs=1, lr=1e-12, rng=7)  # a negligible step
    start = Neuron(3, rng=7)
    np.testing.assert_allclose(first.weights, start.weights, rtol=1e-9)
    np.testing.assert_allclose(first.bias, start.bias, rtol=1e-9)
    history_a = train(first, X, y, epochs=20, rng=7)
    history_b = train(second, X, y, epochs=20, rng=7)
    assert history_a.loss == history_b.loss
    np.testing.assert_array_equal(first.weights, second.weights)


def test_rng_none_continues_from_the_current_weights():
    """Two runs of 10 epochs end where one run of 20 does."""
    X, y = noisy_problem(seed=6)
    once, twice = Neuron(3, rng=1), Neuron(3, rng=1)
    train(once, X, y, lr=0.5, epochs=20)
    train(twice, X, y, lr=0.5, epochs=10)
    train(twice, X, y, lr=0.5, epochs=10)
    np.testing.assert_allclose(twice.weights, once.weights, rtol=1e-12)


def test_callback_is_called_once_per_epoch_with_the_current_state():
    X, y = noisy_problem(seed=7, n_samples=30)
    neuron = Neuron(3)
    calls = []

    def callback(epoch, history):
        calls.append((epoch, len(history.loss), len(history.accuracy)))
        # The neuron was already updated: its loss is the one just recorded.
        np.testing.assert_allclose(binary_cross_entropy(y, neuron.activate(X)),
                                   history.loss[-1], rtol=1e-12)

    train(neuron, X, y, lr=0.5, epochs=7, rng=0, callback=callback)
    assert calls == [(epoch, epoch, epoch) for epoch in range(1, 8)]


@pytest.mark.parametrize("answer", [True, "stop", np.True_])
def test_callback_can_stop_training(answer):
    X, y = noisy_problem(seed=8, n_samples=30)
    history = train(Neuron(3), X, y, epochs=50, rng=0,
                    callback=lambda epoch, history: answer if epoch == 3 else None)
    assert history.epochs_run == 3 and history.stop_reason == "callback"
    assert history.warnings == []


@pytest.mark.parametrize("answer", [None, False, 1, "go on", [1], np.array([True, True])])
def test_other_callback_answers_do_not_stop(answer):
    X, y = noisy_problem(seed=8, n_samples=30)
    history = train(Neuron(3), X, y, epochs=5, rng=0, callback=lambda epoch, history: answer)
    assert history.epochs_run == 5 and history.stop_reason is None


def test_history_repr():
    X, y = noisy_problem(seed=9, n_samples=30)
    history = train(Neuron(3), X, y, epochs=4, rng=0)
    assert isinstance(history, History)
    assert repr(history).startswith("History(4 epochs, completed, loss ")


# --- divergence: a warning in the history, never a NaN -------------------------------------


def check_diverged(history, neuron):
    assert history.stop_reason == "diverged"
    assert all(math.isfinite(value) for value in history.loss + history.accuracy)
    assert len(history.loss) == len(history.accuracy) == history.epochs_run
    assert np.isfinite(neuron.weights).all() and math.isfinite(neuron.bias)
    assert len(history.warnings) == 1


def run_expecting_warning(match, *args, **kwargs):
    """train(...) under numpy errors-as-exceptions; exactly one warning: a TrainingWarning."""
    with np.errstate(over="raise", invalid="raise", divide="raise"), \
            pytest.warns(TrainingWarning, match=match) as record:
        history = train(*args, **kwargs)
    assert [w.category for w in record] == [TrainingWarning]
    assert str(record[0].message) == history.warnings[-1]
    return history


def test_huge_learning_rate_stops_at_once(spam_split):
    """lr=1e6: after one step the loss is ~5e4, far more than 10 times its start."""
    X_train, _, y_train, _ = spam_split
    neuron = Neuron(6)
    history = run_expecting_warning(r"Training diverged at epoch 1: the loss grew from .* more "
                                    r"than 10 times its value before training\. The learning "
                                    r"rate lr=1e\+06 is too large.*Try lr=1 or smaller",
                                    neuron, X_train, y_train, lr=1e6, epochs=100, rng=0)
    check_diverged(history, neuron)
    assert history.epochs_run == 1


def test_overflowing_step_is_not_applied(spam_split):
    """lr=1e308 on raw features: the step overflows; the neuron keeps its start."""
    X, y, _ = load_spam()
    neuron = Neuron(6, rng=0)
    start = neuron.weights.copy()
    history = run_expecting_warning(r"left the range of float64\..*Your features are not "
                                    r"standardised \(one has a standard deviation of 606\.3\)",
                                    neuron, X, y, lr=1e308, epochs=100)
    check_diverged(history, neuron)
    assert history.loss == []
    np.testing.assert_array_equal(neuron.weights, start)
    assert repr(history).startswith("History(0 epochs, stopped: diverged, loss before training")


def test_loss_rising_five_epochs_in_a_row_stops_training():
    """Two points per x = -1 and x = 1, one of each class: the best weight is 0, the loss
    log(2 cosh(w / 2)) has curvature 1/4 there, so any lr > 8 makes w swing out further at
    every step and the loss rise."""
    X = np.array([[-1.0], [1.0], [-1.0], [1.0]])
    y = np.array([0, 1, 1, 0])
    neuron = make_neuron([0.1], 0.0)
    history = run_expecting_warning(r"Training diverged at epoch 5: the loss rose 5 epochs in "
                                    r"a row, to 0\.75.*Try lr=1\.", neuron, X, y, lr=10.0,
                                    epochs=100)
    check_diverged(history, neuron)
    assert history.epochs_run == 5
    assert np.all(np.diff([history.initial_loss, *history.loss]) > 0)


def test_oscillating_loss_is_reported_but_does_not_stop(spam_split):
    """lr=30 on spam: the loss jumps up at epoch 1, falls, and rises again at epochs 11-12."""
    X_train, _, y_train, _ = spam_split
    history = run_expecting_warning(r"The loss went up in 3 of 12 epochs \(first at epoch 1\); "
                                    r"with full-batch gradient descent it should go down every "
                                    r"epoch\. The learning rate lr=30 is probably too large: "
                                    r"try lr=3\.", Neuron(6), X_train, y_train, lr=30.0,
                                    epochs=12, rng=0)
    assert history.stop_reason is None and history.epochs_run == 12


def test_divergence_warning_can_be_silenced_and_read_from_the_history(spam_split):
    X_train, _, y_train, _ = spam_split
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrainingWarning)
        history = train(Neuron(6), X_train, y_train, lr=1e6, rng=0)
    assert history.warnings[0].startswith("Training diverged at epoch 1")


# --- bad hyper-parameters and inputs -------------------------------------------------------


@pytest.mark.parametrize(("lr", "error", "match"), [
    (0, ValueError, (r"lr \(the learning rate\) must be a positive finite number, got 0\.0\. "
                    r"It is the size of each step downhill")),
    (-0.1, ValueError, r"got -0\.1\..*a negative value climbs the loss"),
    (math.inf, ValueError, r"got inf"),
    (math.nan, ValueError, r"got nan"),
    ("0.1", TypeError, r"lr must be a positive number, got str '0\.1'\. Try lr=0\.5"),
    (None, TypeError, r"lr must be a positive number, got NoneType"),
    (True, TypeError, r"lr must be a positive number, got bool True"),
])
def test_bad_learning_rates(lr, error, match):
    X, y = noisy_problem(seed=10, n_samples=10)
    neuron = Neuron(3, rng=0)
    start = neuron.weights.copy()
    with pytest.raises(error, match=match):
        train(neuron, X, y, lr=lr)
    np.testing.assert_array_equal(neuron.weights, start)  # nothing happened


@pytest.mark.parametrize(("epochs", "error", "match"), [
    (0, ValueError, r"epochs must be a positive integer, got 0\. Pass 1 or more"),
    (-5, ValueError, r"epochs must be a positive integer, got -5"),
    (10.0, TypeError, r"epochs must be a positive integer, got float 10\.0"),
    ("10", TypeError, r"epochs must be a positive integer, got str '10'"),
])
def test_bad_epochs(epochs, error, match):
    X, y = noisy_problem(seed=10, n_samples=10)
    with pytest.raises(error, match=match):
        train(Neuron(3), X, y, epochs=epochs)


def test_bad_training_inputs():
    X, y = noisy_problem(seed=11, n_samples=10)
    with pytest.raises(TypeError, match=r"train expects a model with forward, backward, "
                       r"parameters and gradients \(a neuron_lib\.Neuron, Dense or Network\), "
                       r"got list"):
        train([0.0, 0.0, 0.0], X, y)
    with pytest.raises(ValueError, match=r"The neuron has 2 inputs, but X has 3 features per "
                       r"sample\. Make the neuron with Neuron\(3\)"):
        train(Neuron(2), X, y)
    with pytest.raises(ValueError, match=r"y must hold class labels 0 and 1, got 2\.0"):
        train(Neuron(3), X, y * 2)
    with pytest.raises(ValueError, match=r"y must have shape \(10,\), one label per row of X"):
        train(Neuron(3), X, y[:-1])
    with pytest.raises(ValueError, match=r"X must be finite, got nan at index \(0, 0\)"):
        train(Neuron(3), np.where(np.eye(10, 3) == 1, np.nan, X), y)
    with pytest.raises(TypeError, match=r"callback must be a function taking \(epoch, "
                       r"history\), got str"):
        train(Neuron(3), X, y, callback="plot")
    with pytest.raises(ValueError, match=r"overflowed float64 before training started"):
        train(make_neuron([1e308, 1e308, 1e308], 0.0), np.abs(X) + 1.0, y)


# --- predict and the metrics ---------------------------------------------------------------


def test_predict_known_values_and_threshold():
    # w = 2, b = -1: y_hat = sigmoid([-1, 0, 1]) = [0.269, 0.5, 0.731]
    neuron = make_neuron([2.0], -1.0)
    X = [[0.0], [0.5], [1.0]]
    np.testing.assert_array_equal(predict(neuron, X), [0, 1, 1])  # 0.5 counts as 1, as in lesson 01
    np.testing.assert_array_equal(predict(neuron, X, threshold=0.25), [1, 1, 1])
    np.testing.assert_array_equal(predict(neuron, X, threshold=0.8), [0, 0, 0])
    assert predict(neuron, [1.0]) == 1 and type(predict(neuron, [1.0])) is int
    assert predict(neuron, X).dtype == np.int64
    with pytest.raises(ValueError, match=r"threshold must be a probability in \[0, 1\], got 2"):
        predict(neuron, X, threshold=2)
    with pytest.raises(TypeError, match=r"predict expects a neuron_lib\.Neuron or Network, "
                                        r"got None"):
        predict(None, X)


def test_predict_takes_a_network_and_agrees_with_its_own_predict():
    from neuron_lib import Network
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 1, size=(20, 2))
    one_output = Network([2, 3, 1], activations=["tanh", "sigmoid"], rng=0)
    p = one_output.predict_proba(X)
    # Labels follow the threshold on the network's own probabilities.
    middle = float(np.sort(p)[10])  # half of the 20 samples at or above it
    labels = predict(one_output, X, threshold=middle)
    np.testing.assert_array_equal(labels, (p >= middle).astype(int))
    assert labels.sum() == 10
    ten_classes = Network([2, 4, 3], activations=["relu", "softmax"], rng=0)
    np.testing.assert_array_equal(predict(ten_classes, X), ten_classes.forward(X).argmax(axis=1))


def test_metric_known_values():
    # y      = [0, 0, 1, 1, 1, 0]
    # y_pred = [0, 1, 1, 1, 0, 0]
    # TN = 2 (indices 0, 5), FP = 1 (1), FN = 1 (4), TP = 2 (2, 3)
    y, y_pred = [0, 0, 1, 1, 1, 0], [0, 1, 1, 1, 0, 0]
    matrix = confusion_matrix(y, y_pred)
    np.testing.assert_array_equal(matrix, [[2, 1], [1, 2]])
    assert matrix.dtype == np.int64
    assert accuracy(y, y_pred) == 4 / 6
    assert precision(y, y_pred) == 2 / 3  # TP / (TP + FP)
    assert recall(y, y_pred) == 2 / 3     # TP / (TP + FN)
    np.testing.assert_array_equal(confusion_matrix([1, 1], [0, 1]), [[0, 0], [1, 1]])


def test_confusion_matrix_layout_rows_true_columns_predicted():
    """One false positive only: true 0, predicted 1 -> row 0, column 1."""
    np.testing.assert_array_equal(confusion_matrix([0], [1]), [[0, 1], [0, 0]])
    np.testing.assert_array_equal(confusion_matrix([1], [0]), [[0, 0], [1, 0]])


@pytest.mark.parametrize("seed", range(5))
def test_metrics_match_scikit_learn(seed):
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=40)
    y_pred = np.where(rng.uniform(size=40) < 0.7, y, 1 - y)
    assert accuracy(y, y_pred) == metrics.accuracy_score(y, y_pred)
    assert precision(y, y_pred) == metrics.precision_score(y, y_pred)
    assert recall(y, y_pred) == metrics.recall_score(y, y_pred)
    np.testing.assert_array_equal(confusion_matrix(y, y_pred),
                                  metrics.confusion_matrix(y, y_pred, labels=[0, 1]))


def test_no_predicted_positives_gives_precision_0_without_warning():
    """0 / 0: 0.0, as scikit-learn with zero_division=0, and no numpy warning."""
    metrics = pytest.importorskip("sklearn.metrics")
    y, y_pred = [0, 1, 1], [0, 0, 0]
    with no_floating_point_warnings():
        assert precision(y, y_pred) == 0.0
        assert recall([0, 0], [0, 1]) == 0.0  # no true positives exist either
    assert metrics.precision_score(y, y_pred, zero_division=0) == 0.0
    assert recall(y, y_pred) == 0.0


def test_metrics_take_booleans_and_scalars():
    assert accuracy(True, 1) == 1.0
    assert accuracy(np.array([True, False]), [1, 1]) == 0.5


@pytest.mark.parametrize("metric", [accuracy, precision, recall, confusion_matrix])
def test_metric_errors(metric):
    with pytest.raises(ValueError, match=r"y_pred must hold class labels 0 and 1, got 0\.73 at "
                       r"index 0\. These look like probabilities: turn them into labels with "
                       r"predict\(neuron, X\)"):
        metric([1, 0], [0.73, 0.2])
    with pytest.raises(ValueError, match=r"y and y_pred must have the same shape"):
        metric([1, 0, 1], [1, 0])
    with pytest.raises(ValueError, match=r"y must hold class labels 0 and 1, got -1\.0"):
        metric([-1, 1], [0, 1])
    with pytest.raises(ValueError, match=r"y and y_pred are empty"):
        metric([], [])
    with pytest.raises(ValueError, match=r"must be 1-D, one label per sample, got shape "
                       r"\(2, 2\)\. Flatten them"):
        metric([[0, 1], [1, 0]], [[0, 1], [1, 1]])


def test_standardizer_refuses_values_whose_squares_overflow():
    with pytest.raises(ValueError, match="too large to standardise in float64"):
        Standardizer().fit([[1e200], [2e200]])


def test_training_on_huge_unscaled_features_warns_without_a_numpy_warning():
    from neuron_lib.training import TrainingWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = train(Neuron(1), [[1e200], [-1e200]], [0, 1], rng=0)
    assert history.stop_reason == "diverged"
    assert all(issubclass(w.category, TrainingWarning) for w in caught), [str(w.message)
                                                                         for w in caught]



# --- any model: Dense layers and networks --------------------------------------------------

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def test_a_neuron_and_its_dense_layer_train_identically():
    X, y = noisy_problem(seed=12)
    neuron, layer = Neuron(3, rng=4), Dense(3, 1, rng=4)
    history_neuron = train(neuron, X, y, lr=0.5, epochs=30)
    history_layer = train(layer, X, y, lr=0.5, epochs=30)
    assert history_neuron.loss == history_layer.loss
    np.testing.assert_array_equal(neuron.weights, layer.weights[:, 0])


def test_one_epoch_of_a_network_is_one_backpropagation_step():
    """Written out with numpy: the lesson 05 formulas, then w <- w - lr * grad."""
    rng = np.random.default_rng(13)
    X = rng.normal(size=(8, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    net = Network([2, 3, 1], ["tanh", "sigmoid"], rng=14)
    (W1, b1), (W2, b2) = [(layer.weights.copy(), layer.bias.copy()) for layer in net.layers]
    H = np.tanh(X @ W1 + b1)
    y_hat = sigmoid(H @ W2 + b2)
    delta_out = (y_hat - y[:, None]) / 8                      # y_hat - y, mean over the batch
    delta_hidden = (delta_out @ W2.T) * (1 - H ** 2)           # back through tanh
    expected = [W1 - 0.3 * X.T @ delta_hidden, b1 - 0.3 * delta_hidden.sum(axis=0),
                W2 - 0.3 * H.T @ delta_out, b2 - 0.3 * delta_out.sum(axis=0)]
    history = train(net, X, y, lr=0.3, epochs=1)
    for values, wanted in zip(net.parameters(), expected, strict=True):
        np.testing.assert_allclose(values, wanted, rtol=1e-13)
    np.testing.assert_allclose(history.initial_loss, binary_cross_entropy(y, y_hat[:, 0]),
                               rtol=1e-13)


def test_a_network_with_a_hidden_layer_learns_xor_and_a_neuron_cannot():
    net = Network([2, 4, 1], ["tanh", "sigmoid"], rng=0)
    history = train(net, XOR_X, XOR_Y, lr=1.0, epochs=1000)
    np.testing.assert_array_equal(net.predict(XOR_X), XOR_Y)
    assert history.accuracy[-1] == 1.0 and history.loss[-1] < 0.05
    neuron = Neuron(2, rng=0)
    history = train(neuron, XOR_X, XOR_Y, lr=1.0, epochs=1000)
    assert history.accuracy[-1] <= 0.75  # no line separates XOR


def test_squared_error_with_an_identity_output_is_least_squares():
    rng = np.random.default_rng(15)
    X = rng.normal(size=(50, 3))
    y = X @ [1.0, -2.0, 0.5] + 0.3 + rng.normal(scale=0.1, size=50)
    layer = Dense(3, 1, "identity", init="zeros")
    history = train(layer, X, y, loss="mean_squared_error", lr=0.5, epochs=500)
    solution, *_ = np.linalg.lstsq(np.column_stack([X, np.ones(50)]), y, rcond=None)
    np.testing.assert_allclose(layer.weights[:, 0], solution[:3], rtol=1e-8)
    np.testing.assert_allclose(layer.bias[0], solution[3], rtol=1e-8)
    assert math.isnan(history.accuracy[-1])  # numbers, not classes
    assert "accuracy" not in repr(history)


def test_the_loss_must_suit_the_output_layer():
    with pytest.raises(ValueError, match=r"binary_cross_entropy cannot be used with a tanh "
                                         r"output layer; it needs sigmoid"):
        train(Network([2, 2, 1], ["tanh", "tanh"]), XOR_X, XOR_Y)
    with pytest.raises(ValueError, match=r"Unknown loss 'hinge'"):
        train(Neuron(2), XOR_X, XOR_Y, loss="hinge")
    with pytest.raises(ValueError, match=r"The network has 2 inputs, but X has 3 features per "
                                         r"sample\. Make the network with Network\(\[3, \.\.\.\]\)"):
        train(Network([2, 1]), np.ones((4, 3)), XOR_Y)


def test_record_parameters_keeps_copies_per_epoch():
    net = Network([2, 3, 1], ["tanh", "sigmoid"], rng=1)
    start = [p.copy() for p in net.parameters()]
    history = train(net, XOR_X, XOR_Y, epochs=5, record_parameters=True)
    assert len(history.parameters) == 5
    for values, before in zip(history.initial_parameters, start, strict=True):
        np.testing.assert_array_equal(values, before)
    for values, now in zip(history.parameters[-1], net.parameters(), strict=True):
        np.testing.assert_array_equal(values, now)
        assert values is not now
    assert not np.array_equal(history.parameters[0][0], history.parameters[1][0])
    assert train(Neuron(2), XOR_X, XOR_Y, epochs=2).parameters == []
    with pytest.raises(TypeError, match=r"record_parameters must be True or False, got str"):
        train(Neuron(2), XOR_X, XOR_Y, record_parameters="yes")


def test_a_callback_that_runs_the_model_on_other_data_changes_nothing():
    """The forward pass of the training data is redone after a callback."""
    grid = np.random.default_rng(0).normal(size=(100, 2))
    first = Network([2, 3, 1], ["tanh", "sigmoid"], rng=2)
    second = Network([2, 3, 1], ["tanh", "sigmoid"], rng=2)
    plain = train(first, XOR_X, XOR_Y, epochs=20)
    watched = train(second, XOR_X, XOR_Y, epochs=20,
                    callback=lambda epoch, history: second.predict_proba(grid))
    assert plain.loss == watched.loss


# --- mini-batches, rng and reset -----------------------------------------------------------


def test_mini_batch_epoch_is_one_step_per_shuffled_batch():
    """batch_size=4 on 10 samples: batches of 4, 4 and 2 in the order of rng's permutation."""
    X, y = noisy_problem(seed=16, n_samples=10)
    neuron = Neuron(3, rng=3)
    weights, bias = neuron.weights.copy(), neuron.bias
    order = np.random.default_rng(5).permutation(10)
    for rows in (order[:4], order[4:8], order[8:]):
        grad_w, grad_b = loss_gradient(X[rows], y[rows], weights, bias)
        weights, bias = weights - 0.5 * grad_w, bias - 0.5 * grad_b
    train(neuron, X, y, lr=0.5, epochs=1, batch_size=4, rng=5, reset=False)
    np.testing.assert_allclose(neuron.weights, weights, rtol=1e-13)
    np.testing.assert_allclose(neuron.bias, bias, rtol=1e-13)


def test_a_batch_of_everything_is_full_batch():
    X, y = noisy_problem(seed=17, n_samples=30)
    full, batched = Neuron(3, rng=6), Neuron(3, rng=6)
    train(full, X, y, epochs=10)
    train(batched, X, y, epochs=10, batch_size=30)
    np.testing.assert_array_equal(full.weights, batched.weights)


def test_mini_batch_runs_are_repeatable_with_a_seed_and_differ_between_seeds():
    X, y = noisy_problem(seed=18, n_samples=60)
    runs = [train(Network([3, 4, 1], rng=0), X, y, epochs=5, batch_size=8, rng=seed).loss
            for seed in (1, 1, 2)]
    assert runs[0] == runs[1] and runs[0] != runs[2]


def test_training_in_steps_with_one_generator_equals_one_run():
    """reset=False with a Generator: continue, shuffling from the same stream."""
    X, y = noisy_problem(seed=19, n_samples=40)
    once, stepwise = Network([3, 4, 1], rng=7), Network([3, 4, 1], rng=7)
    train(once, X, y, epochs=4, batch_size=16, rng=np.random.default_rng(8), reset=False)
    generator = np.random.default_rng(8)
    for _ in range(4):
        train(stepwise, X, y, epochs=1, batch_size=16, rng=generator, reset=False)
    for a, b in zip(once.parameters(), stepwise.parameters(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_rng_starts_a_network_afresh_like_building_it_with_that_seed():
    X, y = noisy_problem(seed=20, n_samples=40)
    net = Network([3, 4, 1], ["relu", "sigmoid"], init="he", rng=99)
    history = train(net, X, y, epochs=3, rng=11, record_parameters=True)
    fresh = Network([3, 4, 1], ["relu", "sigmoid"], init="he", rng=11)
    for a, b in zip(history.initial_parameters, fresh.parameters(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_mini_batch_loss_is_the_whole_training_set_loss_after_the_epoch():
    X, y = noisy_problem(seed=21, n_samples=50)
    neuron = Neuron(3, rng=0)
    history = train(neuron, X, y, epochs=3, batch_size=7, rng=1)
    np.testing.assert_allclose(history.loss[-1], binary_cross_entropy(y, neuron.activate(X)),
                               rtol=1e-12)
    assert history.accuracy[-1] == accuracy(y, predict(neuron, X))


@pytest.mark.parametrize(("batch_size", "error", "match"), [
    (0, ValueError, r"batch_size must be a positive integer, got 0"),
    (2.5, TypeError, r"batch_size must be a positive integer, got float 2\.5"),
])
def test_bad_batch_sizes(batch_size, error, match):
    with pytest.raises(error, match=match):
        train(Neuron(2), XOR_X, XOR_Y, batch_size=batch_size)


def test_diverging_network_keeps_the_last_recorded_epoch():
    """lr=1e308: the first step overflows; the network keeps its starting parameters."""
    net = Network([2, 3, 1], ["relu", "sigmoid"], rng=3)
    start = [p.copy() for p in net.parameters()]
    history = run_expecting_warning(r"Training diverged at epoch 1: .*left the range of "
                                    r"float64.*The model keeps the weights of the last epoch",
                                    net, XOR_X * 100, XOR_Y, lr=1e308, epochs=10)
    assert history.stop_reason == "diverged" and history.loss == []
    for values, before in zip(net.parameters(), start, strict=True):
        np.testing.assert_array_equal(values, before)


def test_diverging_mini_batches_undo_the_unfinished_epoch():
    net = Network([2, 3, 1], ["relu", "sigmoid"], rng=3)
    history = run_expecting_warning(r"Training diverged", net, XOR_X * 1e3, XOR_Y, lr=1e306,
                                    epochs=10, batch_size=1, rng=0, reset=False,
                                    record_parameters=True)
    last = history.parameters[-1] if history.parameters else history.initial_parameters
    for values, kept in zip(net.parameters(), last, strict=True):
        np.testing.assert_array_equal(values, kept)


# --- robustness findings -------------------------------------------------------------------


def test_a_nan_weight_set_in_place_is_reported_as_nan_not_overflow():
    """Robustness review U3."""
    X, y = noisy_problem(seed=22, n_samples=10)
    neuron = Neuron(3, rng=0)
    neuron.weights[0] = np.nan
    with pytest.raises(ValueError, match=r"^weights must be finite, got nan at index 0"):
        train(neuron, X, y)
    net = Network([3, 2, 1], rng=0)
    net.layers[1].bias[0] = np.inf
    with pytest.raises(ValueError, match=r"^layers\[1\]\.bias must be finite, got inf at index 0"):
        train(net, X, y)


def test_the_scale_hint_never_says_a_standard_deviation_of_inf():
    """Robustness review U12: features of about 1e200 have a standard deviation of 1e200."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = train(Neuron(1), [[1e200], [-1e200]], [0, 1], rng=0)
    assert "standard deviation of 1e+200" in history.warnings[0], history.warnings
    assert "inf" not in history.warnings[0]
    assert [w.category for w in caught] == [TrainingWarning]



# --- symmetry (lesson 04): equal starts stay equal ------------------------------------------


def test_hidden_neurons_started_equal_stay_equal_forever():
    """init=0.5 everywhere: both hidden neurons get the same gradient at every step, so
    their weights never drift apart (to the last bit), however long training runs."""
    rng = np.random.default_rng(23)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    net = Network([2, 3, 1], ["tanh", "sigmoid"], init="constant")
    history = train(net, X, y, lr=0.5, epochs=200)
    hidden = net.layers[0]
    assert history.loss[-1] < history.initial_loss  # it learnt something ...
    assert np.all(hidden.weights == hidden.weights[:, :1])  # ... with three identical neurons
    assert np.all(hidden.bias == hidden.bias[0])
    assert not np.all(hidden.weights == 0.5)  # and they did move


def test_all_zero_tanh_network_only_moves_its_output_bias():
    """tanh(0) = 0 hides every hidden neuron and the output weights are 0, so no gradient
    reaches any weight: only the output bias moves."""
    rng = np.random.default_rng(24)
    X = rng.normal(size=(30, 2))
    y = (X[:, 0] > 0).astype(int)
    net = Network([2, 4, 1], ["tanh", "sigmoid"], init="zeros")
    train(net, X, y, lr=1.0, epochs=50)
    assert not net.layers[0].weights.any() and not net.layers[0].bias.any()
    assert not net.layers[1].weights.any()
    np.testing.assert_allclose(net.layers[1].bias, [np.log(y.mean() / (1 - y.mean()))],
                               rtol=1e-3)  # the bias alone finds the base rate


def test_reset_must_be_a_bool():
    with pytest.raises(TypeError, match=r"reset must be True, False or None"):
        train(Neuron(2), XOR_X, XOR_Y, rng=0, reset="no")
