"""Our Network against scikit-learn's MLPClassifier: same architecture, activation and plain SGD.

Targets (issues 11, 12, 13): test accuracy within 1 point of scikit-learn's or better, our time
per epoch at most 2x its own, both printed from the same run; on digits also a linear softmax
against LogisticRegression, and our training to that accuracy in at most 2 s.

Both sides get the same data and split, the same architecture (one hidden layer; a sigmoid
output for two classes, softmax for ten, which is what MLPClassifier uses), the same hidden
activation, and plain mini-batch SGD with the same learning rate, batch size and number of
epochs: MLPClassifier(solver="sgd", learning_rate="constant", momentum=0,
nesterovs_momentum=False, alpha=0, shuffle=True) with its early stopping switched off
(tol=0, n_iter_no_change beyond max_iter). What differs is the random start (ours: Xavier
weights and zero biases; scikit-learn: Glorot-uniform weights and biases) and the shuffling.
So every case runs with SEEDS different seeds on each side: the accuracies are means over the
seeds, the times per epoch medians (whole fit / epochs, data preparation excluded). Both use
numpy's BLAS, here with one thread (OPENBLAS_NUM_THREADS=1 unless set): the matrices are
small, and threads only add noise on a shared machine.

    pip install scikit-learn        # benchmark only
    python benchmarks/train_mlp.py
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads its BLAS
os.environ.setdefault("OMP_NUM_THREADS", "1")

import statistics
import time
import warnings
from dataclasses import dataclass

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from neuron_lib import Network, train
from neuron_lib.datasets import load_digits, load_spam
from neuron_lib.metrics import accuracy
from neuron_lib.preprocessing import Standardizer, train_test_split
from neuron_lib.toy_data import make_circles, make_moons, make_xor

SEEDS = (0, 1, 2, 3, 4)
ACCURACY_POINTS = 1.0
TIME_RATIO = 2.0
DIGITS_SECONDS = 2.0
SKLEARN_ACTIVATION = {"tanh": "tanh", "relu": "relu", "sigmoid": "logistic",
                      "identity": "identity"}


@dataclass
class Case:
    name: str
    data: tuple  # X_train, X_test, y_train, y_test
    hidden: int
    activation: str
    lr: float
    batch_size: int
    epochs: int


def toy_case(name, make, hidden, activation, lr, epochs):
    X, y = make(2000, rng=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, rng=0)
    return Case(name, (X_train, X_test, y_train, y_test), hidden, activation, lr, 32, epochs)


def spam_data():
    """Lesson 03's split (rng=0), log1p, standardised with the training statistics."""
    X, y, _ = load_spam()
    X_train, X_test, y_train, y_test = train_test_split(np.log1p(X), y, test_size=0.25, rng=0)
    scaler = Standardizer().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def digits_data():
    """Pixels scaled to [0, 1]; a stratified 75/25 split (rng=0)."""
    digits = load_digits()
    return train_test_split(digits.X / 16.0, digits.y, test_size=0.25, rng=0)


def fit_ours(case, seed):
    """(test accuracy, seconds) of our Network trained as `case` says."""
    X_train, X_test, y_train, y_test = case.data
    n_classes = int(y_train.max()) + 1
    sizes = [X_train.shape[1], *([case.hidden] if case.hidden else []),
             1 if n_classes == 2 else n_classes]
    output = "sigmoid" if n_classes == 2 else "softmax"
    activations = [case.activation, output] if case.hidden else [output]
    net = Network(sizes, activations, init="xavier", rng=seed)
    loss = "binary_cross_entropy" if n_classes == 2 else "categorical_cross_entropy"
    start = time.perf_counter()
    train(net, X_train, y_train, loss=loss, lr=case.lr, epochs=case.epochs,
          batch_size=case.batch_size, rng=seed)
    seconds = time.perf_counter() - start
    return accuracy(y_test, net.predict(X_test)), seconds


def fit_sklearn(case, seed):
    X_train, X_test, y_train, y_test = case.data
    model = MLPClassifier(
        hidden_layer_sizes=(case.hidden,), activation=SKLEARN_ACTIVATION[case.activation],
        solver="sgd", learning_rate="constant", learning_rate_init=case.lr, momentum=0.0,
        nesterovs_momentum=False, alpha=0.0, batch_size=case.batch_size,
        max_iter=case.epochs, shuffle=True, tol=0.0, n_iter_no_change=case.epochs + 1,
        early_stopping=False, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached: as asked
        start = time.perf_counter()
        model.fit(X_train, y_train)
        seconds = time.perf_counter() - start
    return float(np.mean(model.predict(X_test) == y_test)), seconds


def compare(case):
    """Alternate ours and scikit-learn's over the seeds, so that both see the same load."""
    ours, theirs = [], []
    for seed in SEEDS:
        ours.append(fit_ours(case, seed))
        theirs.append(fit_sklearn(case, seed))
    return (_mean_accuracy(ours), _mean_accuracy(theirs), _per_epoch(ours, case),
            _per_epoch(theirs, case), ours)


def _mean_accuracy(results):
    return statistics.mean(share for share, _ in results)


def _per_epoch(results, case):
    return statistics.median(seconds for _, seconds in results) / case.epochs


def main():
    cases = [
        toy_case("XOR", lambda n, rng: make_xor(n, noise=0.25, rng=rng), 8, "tanh", 0.5, 200),
        toy_case("circles", lambda n, rng: make_circles(n, noise=0.1, rng=rng), 8, "tanh",
                 0.5, 200),
        toy_case("moons", lambda n, rng: make_moons(n, noise=0.2, rng=rng), 8, "tanh", 0.5,
                 200),
        Case("spam7", spam_data(), 16, "tanh", 0.1, 32, 50),
        Case("digits", digits_data(), 32, "tanh", 0.2, 32, 30),
    ]
    print(f"Means over seeds {SEEDS}; time per epoch = median fit time / epochs. Plain SGD "
          "on both sides, same lr, batch size and epochs; BLAS threads: "
          f"{os.environ['OPENBLAS_NUM_THREADS']}.")
    header = (f"{'data':<8} {'network':<22} {'lr':>4} {'batch':>5} {'epochs':>6}  "
              f"{'ours':>7} {'sklearn':>7} {'gap':>6}  {'ours ms':>8} {'skl ms':>7} "
              f"{'ratio':>5}  verdict")
    print(header)
    print("-" * len(header))
    all_ok = True
    digits_runs = None
    for case in cases:
        ours, theirs, ours_epoch, theirs_epoch, runs = compare(case)
        gap = 100 * (ours - theirs)
        ratio = ours_epoch / theirs_epoch
        n_in = case.data[0].shape[1]
        n_out = 1 if case.data[2].max() == 1 else int(case.data[2].max()) + 1
        output = "sigmoid" if n_out == 1 else "softmax"
        network = f"{n_in}-{case.hidden} {case.activation}-{n_out} {output}"
        ok = gap >= -ACCURACY_POINTS and ratio <= TIME_RATIO
        all_ok &= ok
        print(f"{case.name:<8} {network:<22} {case.lr:>4g} {case.batch_size:>5} "
              f"{case.epochs:>6}  {ours:>7.2%} {theirs:>7.2%} {gap:>+6.2f}  "
              f"{ours_epoch * 1e3:>8.2f} {theirs_epoch * 1e3:>7.2f} {ratio:>5.2f}  "
              f"{'OK' if ok else 'MISSED'}")
        if case.name == "digits":
            digits_runs = runs

    # Digits, linear: a softmax layer trained by SGD against LogisticRegression (L-BFGS).
    X_train, X_test, y_train, y_test = cases[-1].data
    linear = Case("digits", cases[-1].data, 0, "identity", 0.5, 32, 30)
    linear_runs = [fit_ours(linear, seed) for seed in SEEDS]
    linear_accuracy = statistics.mean(a for a, _ in linear_runs)
    linear_seconds = statistics.median(s for _, s in linear_runs)
    start = time.perf_counter()
    logistic = LogisticRegression(max_iter=2000).fit(X_train, y_train)
    logistic_seconds = time.perf_counter() - start
    logistic_accuracy = float(np.mean(logistic.predict(X_test) == y_test))
    gap = 100 * (linear_accuracy - logistic_accuracy)
    linear_ok = gap >= -ACCURACY_POINTS and linear_seconds <= DIGITS_SECONDS
    print()
    print(f"digits, linear softmax 64-10 (SGD, lr {linear.lr:g}, batch {linear.batch_size}, "
          f"{linear.epochs} epochs): test accuracy {linear_accuracy:.2%}, trained in "
          f"{linear_seconds:.2f} s; LogisticRegression (L-BFGS, C=1): {logistic_accuracy:.2%} "
          f"in {logistic_seconds:.2f} s; gap {gap:+.2f} points "
          f"{'OK' if linear_ok else 'MISSED'}")
    hidden_seconds = statistics.median(s for _, s in digits_runs)
    hidden_ok = hidden_seconds <= DIGITS_SECONDS
    print(f"digits, one hidden layer 64-32 tanh-10 softmax: trained in {hidden_seconds:.2f} s "
          f"(target: at most {DIGITS_SECONDS:g} s) {'OK' if hidden_ok else 'MISSED'}")
    all_ok &= linear_ok and hidden_ok
    print(f"\nTargets: accuracy gap >= -{ACCURACY_POINTS:g} point, time ratio <= "
          f"{TIME_RATIO:g}, digits <= {DIGITS_SECONDS:g} s: "
          f"{'all met' if all_ok else 'NOT all met'}")


if __name__ == "__main__":
    main()
