"""Multiple-choice questions with feedback for every option, one module per lesson.

``quiz.bias_question()`` shows a question as a widget; :mod:`neuron_lib.quiz.base` holds
:class:`Question` and :class:`Option`, and each lesson's questions are in a module of their own.
"""

from .base import LETTERS, Option, Question
from .lesson01 import bias_question, initialisation_question
from .lesson02 import dead_relu_question, output_activation_question, vanishing_gradient_question
from .lesson03 import (
    false_positive_question,
    held_out_question,
    saturated_output_question,
    step_too_long_question,
    weight_importance_question,
)
from .lesson04 import (
    equal_start_question,
    linear_hidden_layer_question,
    weight_shape_question,
    zero_start_question,
)
from .lesson05 import (
    confident_mistake_question,
    gradient_check_question,
    gradient_shape_question,
    saturation_question,
)
from .lesson06 import (
    shifted_digit_question,
    softmax_gradient_question,
    softmax_or_sigmoids_question,
    stable_softmax_question,
)

__all__ = [
    "LETTERS",
    "Option",
    "Question",
    "bias_question",
    "confident_mistake_question",
    "dead_relu_question",
    "equal_start_question",
    "false_positive_question",
    "gradient_check_question",
    "gradient_shape_question",
    "held_out_question",
    "initialisation_question",
    "linear_hidden_layer_question",
    "output_activation_question",
    "saturated_output_question",
    "saturation_question",
    "shifted_digit_question",
    "softmax_gradient_question",
    "softmax_or_sigmoids_question",
    "stable_softmax_question",
    "step_too_long_question",
    "vanishing_gradient_question",
    "weight_importance_question",
    "weight_shape_question",
    "zero_start_question",
]

# Every lesson's questions, as the notebooks call them (``quiz.bias_question()``),
# record in the learner's progress file (neuron_lib.progress), which the course map shows.
from .. import progress as _progress

for _name in __all__:
    if _name.endswith("_question"):
        globals()[_name] = _progress.tracked_question(globals()[_name])
