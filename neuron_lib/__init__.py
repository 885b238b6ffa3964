"""neuron_lib: the helper library of the course *Neural Networks from Scratch*.

Core names are imported here; the drawing and widget modules (``neuron_lib.plots``,
``neuron_lib.demos``, ``neuron_lib.quiz``, ``neuron_lib.exercises``) are imported on demand,
so that ``import neuron_lib`` needs numpy only.
"""

from .activations import (
    ACTIVATIONS,
    get_activation,
    identity,
    identity_derivative,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
    softmax_derivative,
    tanh,
    tanh_derivative,
)
from .checkup import doctor
from .gradcheck import check_gradients
from .labels import one_hot
from .layers import Dense
from .losses import LOSSES, get_loss
from .network import Network
from .neuron import Neuron
from .training import History, train

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "Dense",
    "History",
    "Network",
    "Neuron",
    "check_gradients",
    "doctor",
    "get_activation",
    "get_loss",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "one_hot",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "softmax_derivative",
    "tanh",
    "tanh_derivative",
    "train",
]
__version__ = "0.1.0"
