"""Behaviour checks of learners' code: what is right and what is wrong, in plain words.

A check never raises because of the learner's code: an unfinished exercise (``...`` left in
place) or a crash inside it becomes a line of the report. The shared machinery is in
:mod:`neuron_lib.exercises.base`; each lesson's check is in a module of its own.
"""

from .base import CheckReport
from .lesson01 import check_neuron_class
from .lesson02 import check_leaky_relu
from .lesson03 import check_gradient_step
from .lesson05 import check_backward

__all__ = ["CheckReport", "check_backward", "check_gradient_step", "check_leaky_relu",
           "check_neuron_class"]
