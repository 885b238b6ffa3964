"""Interactive demos: sliders and a live figure, wired once, returned as an object.

Each demo is one call in a notebook (``demos.neuron_explorer()``); the shared machinery is in
:mod:`neuron_lib.demos.base`, and each lesson's demos in a module of their own.
"""

from .base import Demo
from .lesson01 import NeuronExplorer, neuron_explorer
from .lesson02 import ActivationExplorer, TwoInputExplorer, activation_explorer, two_input_explorer
from .lesson03 import (
    GradientDescentExplorer,
    TrainingExplorer,
    gradient_descent_explorer,
    training_explorer,
)
from .lesson05 import (
    ConfidentMistakeExplorer,
    LiveTraining,
    confident_mistake_explorer,
    draw_tiny_network,
    train_it_live,
)

__all__ = [
    "ActivationExplorer",
    "ConfidentMistakeExplorer",
    "Demo",
    "GradientDescentExplorer",
    "LiveTraining",
    "NeuronExplorer",
    "TrainingExplorer",
    "TwoInputExplorer",
    "activation_explorer",
    "confident_mistake_explorer",
    "draw_tiny_network",
    "gradient_descent_explorer",
    "neuron_explorer",
    "train_it_live",
    "training_explorer",
    "two_input_explorer",
]
