"""Behaviour checks of learners' code: what is right and what is wrong, in plain words.

A check never raises because of the learner's code: an unfinished exercise (``...`` left in
place) or a crash inside it becomes a line of the report. The shared machinery is in
:mod:`neuron_lib.exercises.base`; each lesson's check is in a module of its own.
"""

from .base import CheckReport
from .lesson01 import check_neuron_class
from .lesson02 import check_leaky_relu
from .lesson03 import check_gradient_step
from .lesson04 import check_forward_pass
from .lesson05 import check_backward
from .lesson06 import check_softmax
from .own_work import library_calls

__all__ = [
    "CheckReport",
    "check_backward",
    "check_forward_pass",
    "check_gradient_step",
    "check_leaky_relu",
    "check_neuron_class",
    "check_softmax",
    "library_calls",
]

# Every lesson's checks, as the notebooks call them (``exercises.check_neuron_class(...)``),
# record in the learner's progress file (neuron_lib.progress), which the course map shows.
from .. import progress as _progress

for _name in __all__:
    if _name.startswith("check_"):
        globals()[_name] = _progress.tracked_check(globals()[_name])
