"""Lesson 06's first demo: three scores through softmax, beside three separate sigmoids."""

import ipywidgets as widgets
import numpy as np

from ..activations import sigmoid, softmax
from ..plots import LiveFigure
from ..style import ACTIVATION_COLORS, PALETTE
from .base import Demo, check_in_range, format_number, make_slider
from .lesson06_pictures import draw_bars, update_bars

__all__ = ["SoftmaxExplorer", "softmax_explorer"]


class SoftmaxExplorer(Demo):
    """Scores for three digits, turned into probabilities two ways: softmax and sigmoids.

    Softmax shares 100% out among the digits, so raising one score takes probability from
    the others; three sigmoids judge each digit on its own, and their sum can be anything
    from 0% to 300%. Adding the same number c to every score changes each sigmoid but no
    softmax probability. Build it with :func:`softmax_explorer`.

    Attributes
    ----------
    score_sliders : list of ipywidgets.FloatSlider
        One score (logit) per digit.
    shift_slider : ipywidgets.FloatSlider
        A number c added to every score.
    """

    title = "Three scores, as softmax probabilities and as three separate sigmoids"
    digits = ("3", "5", "8")  # three digits a network often confuses
    score_limit = 4.0

    def __init__(self, scores, shift, interactive):
        self.score_sliders = [make_slider(f"score z for a {digit}", score, -self.score_limit,
                                          self.score_limit, step=0.1)
                              for digit, score in zip(self.digits, scores)]
        self.shift_slider = make_slider("c, added to every score", shift, -self.score_limit,
                                        self.score_limit, step=0.1)
        self.live = LiveFigure((8.4, 2.6), dpi=80, interactive=interactive)
        ax_scores, ax_softmax, ax_sigmoid = self.live.figure.subplots(1, 3)
        labels = list(self.digits)
        self.bars = {}
        for name, ax, color, title in (
                ("scores", ax_scores, PALETTE[3], "scores z + c"),
                ("softmax", ax_softmax, ACTIVATION_COLORS["softmax"], "softmax(z + c)"),
                ("sigmoid", ax_sigmoid, ACTIVATION_COLORS["sigmoid"], "σ(z + c), one by one")):
            self.bars[name] = draw_bars(ax, labels, color)
            ax.set_title(title, fontsize=10)
            ax.grid(axis="y", alpha=0.3)
            ax.set_axisbelow(True)
        limit = 2 * self.score_limit + 0.5
        ax_scores.set_ylim(-limit, limit)
        ax_scores.axhline(0.0, color="0.4", lw=0.8)
        self.sums = {}
        for name, ax in (("softmax", ax_softmax), ("sigmoid", ax_sigmoid)):
            ax.set_ylim(0.0, 1.15)
            ax.set_yticks([0.0, 0.5, 1.0], ["0", "50%", "100%"])
            self.sums[name] = ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center",
                                      va="top", fontsize=10)
        self.live.animate(*self.bars.values(), *self.sums.values())
        self._assemble(widgets.VBox(self.sliders()), "5.5em")

    def sliders(self):
        return [*self.score_sliders, self.shift_slider]

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``scores`` z + c, ``shift`` c, ``softmax`` and ``sigmoid`` probabilities (one
            per digit), and their sums ``softmax_sum`` and ``sigmoid_sum``.
        """
        shift = self.shift_slider.value
        scores = np.array([slider.value for slider in self.score_sliders]) + shift
        shared, separate = softmax(scores), sigmoid(scores)
        return {"scores": scores, "shift": shift, "softmax": shared, "sigmoid": separate,
                "softmax_sum": float(shared.sum()), "sigmoid_sum": float(separate.sum())}

    def _update(self):
        state = self.state()
        for name in ("scores", "softmax", "sigmoid"):
            update_bars(self.bars[name], state[name])
        for name in ("softmax", "sigmoid"):
            self.sums[name].set_text(f"sum {state[name + '_sum']:.0%}")
        self._show_text_and_refresh()

    def text(self):
        state = self.state()

        def row(label, values, percent):
            cells = [f"a {digit}: " + (f"{value:6.1%}" if percent else
                                        f"{format_number(value):>6}")
                     for digit, value in zip(self.digits, values)]
            return f"{label:<10}" + "   ".join(cells)

        lines = [
            row("scores", state["scores"], False)
            + f"   (c = {format_number(state['shift'])})",
            row("softmax", state["softmax"], True) + f"   sum {state['softmax_sum']:.1%}",
            row("sigmoids", state["sigmoid"], True) + f"   sum {state['sigmoid_sum']:.1%}",
        ]
        if state["shift"] != 0.0:
            lines.append(f"Adding c = {format_number(state['shift'])} to every score moved "
                         "every sigmoid but no softmax probability: e^(z + c) = e^z · e^c, "
                         "and e^c cancels above and below.")
        else:
            lines.append("Softmax shares 100% among the three; the sigmoids judge each digit "
                         "on its own, so their sum can be anything from 0% to 300%.")
        return "\n".join(lines)


def softmax_explorer(*, scores=(2.0, 1.0, -1.0), shift=0.0, interactive=True):
    """Three scores as softmax probabilities and as three separate sigmoids, live.

    Parameters
    ----------
    scores : sequence of 3 floats, default (2.0, 1.0, -1.0)
        Starting scores (logits) for the digits 3, 5 and 8, each in [-4, 4].
    shift : float, default 0.0
        Starting value of c, added to every score, in [-4, 4].
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    SoftmaxExplorer

    Raises
    ------
    TypeError, ValueError
        For scores or a shift outside the sliders' range, or not 3 scores.

    Examples
    --------
    >>> explorer = softmax_explorer(interactive=False)
    >>> round(explorer.state()["softmax_sum"], 6), explorer.state()["sigmoid_sum"] > 1
    (1.0, True)
    >>> before = explorer.state()["softmax"]
    >>> explorer.shift_slider.value = 3.0
    >>> bool(np.allclose(explorer.state()["softmax"], before))
    True
    """
    try:
        scores = list(scores)
    except TypeError:
        raise TypeError(f"scores must be a sequence of 3 numbers, got "
                        f"{type(scores).__name__}.") from None
    if len(scores) != len(SoftmaxExplorer.digits):
        raise ValueError(f"scores needs one number per digit (3, 5 and 8), got {len(scores)}.")
    limit = SoftmaxExplorer.score_limit
    scores = [check_in_range(score, "each score", -limit, limit) for score in scores]
    shift = check_in_range(shift, "shift", -limit, limit)
    return SoftmaxExplorer(scores, shift, interactive)
