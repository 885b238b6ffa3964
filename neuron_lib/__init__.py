"""neuron_lib: the helper library of the course *Neural Networks from Scratch*.

Core names are imported here; the drawing and widget modules (``neuron_lib.plots``,
``neuron_lib.demos``, ``neuron_lib.quiz``, ``neuron_lib.exercises``) are imported on demand,
so that ``import neuron_lib`` needs numpy only.
"""

from .activations import relu, relu_derivative, sigmoid, sigmoid_derivative
from .neuron import Neuron

__all__ = ["Neuron", "relu", "relu_derivative", "sigmoid", "sigmoid_derivative"]
__version__ = "0.1.0"
