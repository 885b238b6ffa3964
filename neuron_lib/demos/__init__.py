"""Interactive demos: sliders and a live figure, wired once, returned as an object.

Each demo is one call in a notebook (``demos.neuron_explorer()``); the shared machinery is in
:mod:`neuron_lib.demos.base`, and each lesson's demos in a module of their own.
"""

from .base import Demo
from .lesson01 import NeuronExplorer, neuron_explorer
from .lesson02 import ActivationExplorer, TwoInputExplorer, activation_explorer, two_input_explorer
from .lesson03 import (
    GradientDescentExplorer,
    LossComparison,
    TrainingExplorer,
    gradient_descent_explorer,
    loss_comparison,
    training_explorer,
)
from .lesson04 import NetworkBuilder, network_builder
from .lesson04_symmetry import SymmetryExplorer, symmetry_explorer
from .lesson05 import (
    ConfidentMistakeExplorer,
    LiveTraining,
    confident_mistake_explorer,
    draw_tiny_network,
    train_it_live,
)
from .lesson06 import DigitDrawer, draw_digit
from .lesson06_softmax import SoftmaxExplorer, softmax_explorer

__all__ = [
    "ActivationExplorer",
    "ConfidentMistakeExplorer",
    "Demo",
    "DigitDrawer",
    "GradientDescentExplorer",
    "LiveTraining",
    "LossComparison",
    "NetworkBuilder",
    "NeuronExplorer",
    "SoftmaxExplorer",
    "SymmetryExplorer",
    "TrainingExplorer",
    "TwoInputExplorer",
    "activation_explorer",
    "confident_mistake_explorer",
    "draw_digit",
    "draw_tiny_network",
    "gradient_descent_explorer",
    "loss_comparison",
    "network_builder",
    "neuron_explorer",
    "softmax_explorer",
    "symmetry_explorer",
    "train_it_live",
    "training_explorer",
    "two_input_explorer",
]
