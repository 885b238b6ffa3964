"""exercises.library_calls: the graders' hidden test sees library code handed in as one's own."""

import sys

import numpy as np

import neuron_lib
from neuron_lib import exercises

NEURON_PARTS = ["neuron_lib.neuron", "neuron_lib.layers", "neuron_lib.network"]
LEAKY = ["neuron_lib.activations.leaky_relu", "neuron_lib.activations._leaky"]

# Code "written in the notebook": compiled as module __main__, as a kernel's cells are.
NOTEBOOK_CODE = '''
import numpy as np
import neuron_lib
from neuron_lib import sigmoid

class Wrapper:
    def __init__(self, n_inputs, rng=None):
        self.inner = neuron_lib.Neuron(n_inputs, rng=rng)
        self.weights, self.bias = self.inner.weights, self.inner.bias

    def activate(self, x):
        self.inner.weights, self.inner.bias = self.weights, self.bias
        return self.inner.activate(x)

class Honest:
    def __init__(self, n_inputs, rng=None):
        rng = np.random.default_rng(rng)
        self.weights = rng.uniform(-1, 1, size=n_inputs)
        self.bias = rng.uniform(-1, 1)

    def activate(self, x):
        return sigmoid(np.dot(x, self.weights) + self.bias)

aliased = neuron_lib.leaky_relu
def leaky_by_alias(z, alpha=0.01):
    return aliased(z, alpha)

leaky_by_lambda = lambda z, alpha=0.01: neuron_lib.leaky_relu(z, alpha)

def leaky_honest(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    out = np.where(z > 0, z, alpha * z)
    return float(out) if out.ndim == 0 else out
'''


def notebook():
    namespace = {"__name__": "__main__"}
    exec(compile(NOTEBOOK_CODE, "<notebook cell>", "exec"), namespace)  # noqa: S102 - a cell
    return namespace


def test_a_library_neuron_wrapped_in_the_notebooks_own_class_is_seen():
    cells = notebook()
    report = exercises.check_neuron_class(cells["Wrapper"])
    assert report.passed  # the check alone cannot tell
    called = exercises.library_calls(lambda: exercises.check_neuron_class(cells["Wrapper"]),
                                     NEURON_PARTS)
    assert "neuron_lib.neuron.activate" in called and "neuron_lib.neuron.__init__" in called


def test_an_honest_neuron_may_use_the_librarys_sigmoid():
    cells = notebook()
    assert exercises.library_calls(lambda: exercises.check_neuron_class(cells["Honest"]),
                                   NEURON_PARTS) == set()


def test_leaky_relu_handed_in_through_an_alias_or_a_lambda_is_seen():
    cells = notebook()
    for name in ("leaky_by_alias", "leaky_by_lambda"):
        called = exercises.library_calls(
            lambda name=name: exercises.check_leaky_relu(cells[name]), LEAKY)
        assert called == {"neuron_lib.activations.leaky_relu"}, name
    assert exercises.library_calls(lambda: exercises.check_leaky_relu(cells["leaky_honest"]),
                                   LEAKY) == set()


def test_calls_made_by_the_library_itself_are_not_the_learners():
    # The check calls neuron_lib internally (to compute what is expected); only calls from
    # the notebook's code count.
    assert exercises.library_calls(lambda: neuron_lib.Neuron(3, rng=0).activate(np.ones(3)),
                                   NEURON_PARTS) == set()


def test_the_profiler_in_place_before_is_put_back():
    def mine(frame, event, arg):
        return None

    sys.setprofile(mine)
    try:
        exercises.library_calls(lambda: None, NEURON_PARTS)
        assert sys.getprofile() is mine
    finally:
        sys.setprofile(None)
