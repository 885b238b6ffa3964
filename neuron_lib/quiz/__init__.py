"""Multiple-choice questions with feedback for every option, one module per lesson.

``quiz.bias_question()`` shows a question as a widget; :mod:`neuron_lib.quiz.base` holds
:class:`Question` and :class:`Option`, and each lesson's questions are in a module of their own.
"""

from .base import LETTERS, Option, Question
from .lesson01 import bias_question, initialisation_question
from .lesson02 import dead_relu_question, output_activation_question, vanishing_gradient_question
from .lesson03 import false_positive_question, held_out_question, step_too_long_question
from .lesson05 import (
    confident_mistake_question,
    gradient_check_question,
    gradient_shape_question,
    saturation_question,
)

__all__ = [
    "LETTERS",
    "Option",
    "Question",
    "bias_question",
    "confident_mistake_question",
    "dead_relu_question",
    "false_positive_question",
    "gradient_check_question",
    "gradient_shape_question",
    "held_out_question",
    "initialisation_question",
    "output_activation_question",
    "saturation_question",
    "step_too_long_question",
    "vanishing_gradient_question",
]
