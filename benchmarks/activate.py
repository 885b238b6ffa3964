"""Neuron.activate against the bare numpy expression it computes, one sample and a batch.

Targets: one sample at most 4x `1 / (1 + np.exp(-(np.dot(w, x) + b)))` (activate also checks
its input); a batch of 1,000,000 x 10 at most 1.3x the same expression on the batch.

    python benchmarks/activate.py
"""

import timeit

import numpy as np

from neuron_lib import Neuron


def best_of(bare, ours, number, rounds=9):
    """Best time per call of each, in seconds, timed in alternating rounds so that both see
    the same machine; the best is the run least disturbed by other work."""
    bare_times, our_times = [], []
    for _ in range(rounds):
        bare_times.append(timeit.timeit(bare, number=number) / number)
        our_times.append(timeit.timeit(ours, number=number) / number)
    return min(bare_times), min(our_times)


def main():
    rng = np.random.default_rng(0)
    for n_inputs in (3, 10):
        neuron = Neuron(n_inputs, rng=0)
        w, b = neuron.weights, neuron.bias
        x = rng.uniform(0, 1, size=n_inputs)
        x_list = x.tolist()
        bare, ours = best_of(lambda w=w, x=x, b=b: 1 / (1 + np.exp(-(np.dot(w, x) + b))),
                             lambda neuron=neuron, x=x: neuron.activate(x), 20_000)
        _, ours_list = best_of(lambda: None,
                               lambda neuron=neuron, x=x_list: neuron.activate(x), 20_000)
        print(f"one sample, {n_inputs:2d} inputs: bare {bare * 1e6:5.2f} us, activate "
              f"{ours * 1e6:5.2f} us = {ours / bare:.2f}x (target <= 4x); from a list "
              f"{ours_list * 1e6:5.2f} us")

    n_samples, n_inputs = 1_000_000, 10
    neuron = Neuron(n_inputs, rng=0)
    w, b = neuron.weights, neuron.bias
    X = rng.uniform(0, 1, size=(n_samples, n_inputs))
    np.testing.assert_allclose(neuron.activate(X), 1 / (1 + np.exp(-(np.dot(X, w) + b))))
    bare, ours = best_of(lambda: 1 / (1 + np.exp(-(np.dot(X, w) + b))),
                         lambda: neuron.activate(X), 3)
    print(f"batch {n_samples:,} x {n_inputs}: bare {bare * 1e3:6.1f} ms, activate "
          f"{ours * 1e3:6.1f} ms = {ours / bare:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
