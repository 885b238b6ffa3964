"""Relative gradient error of backpropagation against central differences, per case.

Target (issue 12): below 1e-7 for every layer, activation and loss in float64. Each case is a
small network on 8 random samples (fixed seeds); the worst relative error over its parameter
arrays is printed, with the array it occurs in.

    python benchmarks/gradient_check.py
"""

import numpy as np

from neuron_lib import ACTIVATIONS, LOSSES, Dense, Network, Neuron
from neuron_lib.gradcheck import FINE, check_gradients

TARGET = FINE


def cases():
    """(description, model, X, y, loss) for every activation, loss and a few architectures."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 4))
    labels = rng.integers(0, 2, size=8)
    classes = rng.integers(0, 3, size=8)
    targets = rng.normal(size=(8, 3))
    for name in ACTIVATIONS:
        yield (f"hidden {name}, sigmoid output, binary cross-entropy",
               Network([4, 5, 1], [name, "sigmoid"], rng=1), X, labels, "binary_cross_entropy")
    for name in ACTIVATIONS:
        yield (f"{name} output, squared error",
               Network([4, 5, 3], ["tanh", name], rng=2), X, targets, "mean_squared_error")
    if "categorical_cross_entropy" in LOSSES:
        yield ("softmax output, categorical cross-entropy",
               Network([4, 5, 3], ["relu", "softmax"], init="he", rng=3), X, classes,
               "categorical_cross_entropy")
    yield "Neuron, binary cross-entropy", Neuron(4, rng=4), X, labels, "binary_cross_entropy"
    yield ("Dense(4, 1, identity), squared error", Dense(4, 1, "identity", rng=5), X,
           targets[:, 0], "mean_squared_error")
    yield ("three hidden layers (tanh, leaky ReLU, sigmoid), xavier",
           Network([4, 6, 5, 4, 1], ["tanh", "leaky_relu", "sigmoid", "sigmoid"],
                   init="xavier", rng=6), X, labels, "binary_cross_entropy")


def main():
    worst_overall = 0.0
    for description, model, X, y, loss in cases():
        result = check_gradients(model, X, y, loss=loss)
        where = max(result.errors, key=result.errors.get)
        worst_overall = max(worst_overall, result.worst)
        note = f" ({len(result.warnings)} kink warning(s))" if result.warnings else ""
        print(f"{description:<58} worst {result.worst:.1e} in {where}{note}")
    print(f"worst of all cases: {worst_overall:.1e} (target: below {TARGET:g}) "
          f"{'OK' if worst_overall < TARGET else 'MISSED'}")


if __name__ == "__main__":
    main()
