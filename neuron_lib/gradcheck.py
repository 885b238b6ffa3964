r"""Gradient checking: backpropagation's gradients against the slope measured by numbers.

For every parameter :math:`p` the central difference

.. math:: \frac{\partial L}{\partial p} \approx \frac{L(p + \varepsilon) - L(p - \varepsilon)}
          {2\varepsilon}

is exact up to :math:`O(\varepsilon^2)` plus rounding, about 1e-10 relative in float64 for
:math:`\varepsilon = 10^{-6}`. :func:`check_gradients` compares it with the analytic gradient
of the backward pass, one parameter array at a time, as a relative error.
"""

from dataclasses import dataclass, field

import numpy as np

from ._validation import check_real_number
from .training import check_model_data

__all__ = ["FINE", "WRONG", "GradientCheck", "check_gradients", "relative_error"]

FINE = 1e-7
"""Largest relative error that means "the gradients agree" in float64."""
WRONG = 1e-4
"""Relative errors above this mean the analytic gradient is wrong; between FINE and WRONG
they are suspicious (or the numerical slope met ReLU's kink)."""

_KINKED = ("relu", "leaky_relu")
_EXPLANATION = (
    "Relative error = |analytic - numerical| / (|analytic| + |numerical|) over each array\n"
    f"(|.| the Euclidean norm). In float64, below {FINE:g} is fine; {FINE:g} to {WRONG:g} is\n"
    f"suspicious; above {WRONG:g} the analytic gradient is wrong (a missing transpose,\n"
    "activation derivative or 1/n, or a sign)."
)


@dataclass
class GradientCheck:
    """The result of :func:`check_gradients`; its text is a table with a verdict per array.

    Attributes
    ----------
    names : list of str
        The parameter arrays, as ``model.named_parameters()`` names them.
    errors : dict of str to float
        Relative error per array (0.0 where both gradients are exactly 0).
    analytic, numerical : dict of str to ndarray
        The two gradients per array.
    loss : str
    eps : float
    warnings : list of str
        For example weighted sums next to ReLU's kink.
    """

    names: list
    errors: dict
    analytic: dict
    numerical: dict
    loss: str
    eps: float
    warnings: list = field(default_factory=list)

    @property
    def worst(self):
        """The largest relative error."""
        return max(self.errors.values())

    @property
    def passed(self):
        """True if every array is fine (below FINE), or at most suspicious where ReLU's
        kink was met (the numerical slope is then what is off)."""
        limit = WRONG if self.warnings else FINE
        return self.worst <= limit

    def verdict(self, name):
        """``"fine"``, ``"suspicious"`` or ``"wrong"`` for one array."""
        error = self.errors[name]
        return "fine" if error <= FINE else "suspicious" if error <= WRONG else "wrong"

    def __str__(self):
        width = max(len(name) for name in self.names)
        shapes = {name: str(self.analytic[name].shape) for name in self.names}
        shape_width = max(len(shape) for shape in shapes.values())
        lines = [f"Gradient check of {self.loss} (central differences, eps={self.eps:g}):"]
        lines += [f"  {name:<{width}}  {shapes[name]:<{shape_width}}  relative error "
                  f"{self.errors[name]:.1e}  {self.verdict(name)}" for name in self.names]
        lines.append(_EXPLANATION)
        lines += [f"Warning: {warning}" for warning in self.warnings]
        lines.append("All gradients agree." if self.passed else
                     "Some gradients disagree: check the backward pass of the arrays marked "
                     "suspicious or wrong.")
        return "\n".join(lines)

    __repr__ = __str__


def relative_error(analytic, numerical):
    """``|a - n| / (|a| + |n|)`` with Euclidean norms; 0.0 when both are 0.

    Examples
    --------
    >>> relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    0.0
    >>> relative_error(np.array([1.0]), np.array([-1.0]))  # opposite signs: the worst, 1
    1.0
    """
    scale = np.linalg.norm(analytic) + np.linalg.norm(numerical)
    return 0.0 if scale == 0 else float(np.linalg.norm(analytic - numerical) / scale)


def check_gradients(model, X, y, loss="binary_cross_entropy", eps=1e-6):
    r"""Check a model's backward pass against central differences, array by array.

    Runs one forward and backward pass for the analytic gradients, then nudges every
    single parameter by :math:`\pm\varepsilon` and measures the loss
    (``2 * n_parameters`` forward passes: use a few samples). The parameters end exactly
    as they started.

    Parameters
    ----------
    model : Neuron, Dense or Network
    X : array_like of shape (n_samples, n_inputs)
    y : array_like
        Targets, as for :func:`~neuron_lib.training.train`.
    loss : str or Loss, default "binary_cross_entropy"
    eps : float, default 1e-6
        The nudge. Much smaller lets rounding dominate; much larger, the curvature.

    Returns
    -------
    GradientCheck
        Relative error per parameter array; printing it explains the thresholds.

    Raises
    ------
    TypeError, ValueError
        As for :func:`~neuron_lib.training.train`, or for an `eps` outside (0, 0.1].

    Examples
    --------
    >>> from neuron_lib import Network
    >>> net = Network([2, 3, 1], ["tanh", "sigmoid"], rng=0)
    >>> result = check_gradients(net, [[0.5, -1.0], [1.0, 2.0]], [1, 0])
    >>> result.passed, result.worst < 1e-7
    (True, True)
    """
    loss, X, Y = check_model_data(model, X, y, loss, caller="check_gradients")
    eps = check_real_number(eps, "eps")
    if not 0 < eps <= 0.1:
        raise ValueError(f"eps must be a small positive number, got {eps:g}. Try eps=1e-6.")

    def loss_value():
        model.forward(X)
        return loss.value(model.output_layer, Y)

    loss_value()
    warnings = _kink_warnings(model, eps)
    loss.backpropagate(model, Y)
    named = model.named_parameters()
    analytic = {name: g.copy() for (name, _), g in zip(named, model.gradients(), strict=True)}
    numerical = {}
    for name, values in named:
        slope = np.empty_like(values)
        for index in np.ndindex(values.shape):
            keep = values[index]
            values[index] = keep + eps
            up = loss_value()
            values[index] = keep - eps
            down = loss_value()
            values[index] = keep
            slope[index] = (up - down) / (2 * eps)
        numerical[name] = slope
    loss_value()  # leave the model's forward pass at its own parameters
    names = [name for name, _ in named]
    errors = {name: relative_error(analytic[name], numerical[name]) for name in names}
    return GradientCheck(names, errors, analytic, numerical, loss.name, eps, warnings)


def _kink_warnings(model, eps):
    """Warn about ReLU weighted sums so close to 0 that a nudge of eps may cross the kink."""
    layers = getattr(model, "layers", (model.output_layer,))
    warnings = []
    for number, layer in enumerate(layers, start=1):
        if layer.activation not in _KINKED:
            continue
        # A nudge of eps to a weight moves z by eps times an input; allow for a hundred.
        margin = 100 * eps * (1.0 + float(np.abs(layer.inputs).max()))
        close = int(np.count_nonzero(np.abs(layer.weighted_sums) < margin))
        if close:
            warnings.append(
                f"{close} weighted sum(s) of layer {number} ({layer.activation}) lie within "
                f"{margin:.1g} of 0, ReLU's kink, where the slope jumps: the numerical slope "
                f"across it is off, not the analytic one. Up to {WRONG:g} is then expected; "
                "move the samples or the weights a little to check more precisely.")
    return warnings
