"""neuron_lib.sigmoid (the piecewise-stable form) against the one-formula sigmoid it replaced
and scipy's expit, on 1,000,000 elements, in the same run.

The former formula, 1 / (1 + e^-z) in four in-place passes with the overflow for z < -709
silenced, is kept here as the reference: the target is at most ~1.1x its time, alone and
after the weighted sum as Neuron.activate computes it (X @ w + b for 1,000,000 x 10).
Rounds alternate, so that every variant sees the same machine; the minimum is the run least
disturbed by other work, the median says how typical it is.

    python benchmarks/sigmoid.py
"""

import time

import numpy as np

from neuron_lib.activations import _sigmoid_array


def one_formula(z, out=None):
    """The sigmoid neuron_lib used before the piecewise form: 1 / (1 + e^-z), four passes."""
    s = np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(s, out=s)
    s += 1.0
    return np.reciprocal(s, out=s)


def seconds(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main(rounds=40):
    rng = np.random.default_rng(0)
    z = rng.normal(0.0, 5.0, 1_000_000)
    X, w, b = rng.uniform(0, 1, (1_000_000, 10)), rng.uniform(-1, 1, 10), 0.1
    variants = {"piecewise (neuron_lib)": _sigmoid_array, "one formula (before)": one_formula}
    try:
        from scipy.special import expit

        variants["scipy.special.expit"] = lambda values, out=None: expit(values, out=out)
    except ImportError:
        pass
    np.testing.assert_allclose(_sigmoid_array(z), one_formula(z.copy()), rtol=1e-15)

    def activate(function):
        weighted_sums = X @ w
        weighted_sums += b
        return function(weighted_sums, out=weighted_sums)

    alone = {name: [] for name in variants}
    after_sum = {name: [] for name in variants}
    for _ in range(rounds):
        for name, function in variants.items():
            copy = z.copy()
            alone[name].append(seconds(lambda f=function, c=copy: f(c, out=c)))
            after_sum[name].append(seconds(lambda f=function: activate(f)))
    reference = "one formula (before)"
    print(f"{'1,000,000 elements':<24} {'sigmoid alone':>22} {'X @ w + b, then sigmoid':>28}")
    for name in variants:
        a, s = np.array(alone[name]), np.array(after_sum[name])
        print(f"{name:<24} {a.min() * 1e3:6.2f} ms ({a.min() / min(alone[reference]):.2f}x)"
              f" med {np.median(a) * 1e3:5.1f}   {s.min() * 1e3:6.2f} ms "
              f"({s.min() / min(after_sum[reference]):.2f}x) med {np.median(s) * 1e3:5.1f}")


if __name__ == "__main__":
    main()
