"""Whose code did the work: the library calls a learner's own code makes, for graders.

The graded exports (``tools/export_graders.py``) hold a hidden test per exercise: the check
must pass on code the learner wrote, not on ``neuron_lib``'s own implementation handed in,
renamed, wrapped in a class or a lambda, or called from inside a function that only looks
like the learner's. :func:`library_calls` runs the check and lists the calls that code
written in the notebook (module ``__main__``) made straight into the parts of ``neuron_lib``
the exercise asks the learner to write.
"""

import sys
import threading

__all__ = ["library_calls"]


def library_calls(action, forbidden):
    """Run `action()`; return the forbidden ``neuron_lib`` functions the notebook's code called.

    Parameters
    ----------
    action : callable
        Runs the exercise's check, e.g. ``lambda: exercises.check_leaky_relu(my_leaky_relu)``.
    forbidden : iterable of str
        Modules (``"neuron_lib.neuron"``: every function in it) or functions
        (``"neuron_lib.activations.leaky_relu"``) the learner's code must not call.

    Returns
    -------
    set of str
        ``"module.function"`` for each forbidden function called from code whose module is
        ``__main__`` (a notebook's cells); empty when the learner wrote the work themselves.

    Examples
    --------
    >>> from neuron_lib import activations
    >>> sorted(library_calls(lambda: activations.sigmoid(0.0), ["neuron_lib.activations"]))
    []
    """
    forbidden = tuple(forbidden)
    called = set()

    def watch(frame, event, arg):
        if event != "call" or frame.f_back is None:
            return
        if frame.f_back.f_globals.get("__name__") != "__main__":
            return
        module = frame.f_globals.get("__name__") or ""
        name = f"{module}.{frame.f_code.co_name}"
        if any(name == item or module == item or module.startswith(item + ".")
               for item in forbidden):
            called.add(name)

    previous = sys.getprofile()
    sys.setprofile(watch)
    threading.setprofile(watch)  # threads the action starts
    try:
        action()
    finally:
        sys.setprofile(previous)
        threading.setprofile(None)
    return called
