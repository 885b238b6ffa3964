"""Lesson 06's demo: draw a digit with the mouse and watch a network read it.

The pictures it is made of (and the lesson's other figures) are in
:mod:`neuron_lib.demos.lesson06_pictures`.
"""

import html

import ipywidgets as widgets
import numpy as np

from ..images import DIGIT_SIDE, FULL_INK, load_digit_image
from .base import Demo
from .lesson06_pictures import (
    GUESS_COLOR,
    N_CLASSES,
    CachedText,
    QuickFrames,
    draw_digit_image,
    draw_probability_bars,
    update_probability_bars,
)

__all__ = ["DigitDrawer", "draw_digit"]


def _segment_distances(rows, cols, start, end):
    """Distance from every pixel centre (rows, cols) to the segment start-end, in pixels."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        t = 0.0
    else:
        t = np.clip(((cols - x0) * dx + (rows - y0) * dy) / length2, 0.0, 1.0)
    return np.hypot(cols - (x0 + t * dx), rows - (y0 + t * dy))


def _shifted(pixels, right, down):
    """`pixels` moved `right` and `down` whole pixels (negative: left, up); paper fills in."""
    moved = np.zeros_like(pixels)
    side = pixels.shape[0]
    source_rows = slice(max(0, -down), min(side, side - down))
    target_rows = slice(max(0, down), min(side, side + down))
    source_cols = slice(max(0, -right), min(side, side - right))
    target_cols = slice(max(0, right), min(side, side + right))
    moved[target_rows, target_cols] = pixels[source_rows, source_cols]
    return moved


def _int_slider(description, value, low, high):
    return widgets.IntSlider(value=value, min=low, max=high, description=description,
                             continuous_update=True, style={"description_width": "11em"},
                             layout={"width": "26em"})


def _scale_to_unit(pixels):
    """The lesson's preprocessing: digit pixels 0-16 to inputs 0-1."""
    return pixels / FULL_INK


class DigitDrawer(Demo):
    """Draw a digit with the mouse; a trained network reads it as you draw.

    Left, a 32x32 drawing pad (drag with the mouse to draw; right button or the eraser to
    rub out); middle, the 8x8 picture the network reads (each pixel counts the ink of a 4x4
    block of the pad, 0 to 16, as the digits were made; it can be painted too, a whole pixel
    at a time); right, the network's ten probabilities, the guess highlighted. Build it with
    :func:`draw_digit`.

    Attributes
    ----------
    digit_slider : ipywidgets.IntSlider
        Puts test digit number i on the pad.
    right_slider, down_slider : ipywidgets.IntSlider
        Move the picture the network reads by whole pixels (the pad stays as drawn).
    clear_button, mistake_button : ipywidgets.Button
        Empty the pad; put on it the next test digit the network gets wrong.
    eraser_toggle : ipywidgets.ToggleButton
        Drag to rub out instead of drawing.
    pad : ndarray of shape (32, 32)
        Ink on the pad, 0 to 1.
    """

    title = "Draw a digit: the picture the network reads and its ten probabilities, live"
    pad_side = 32
    pen_radius = 2.8  # pad pixels: strokes about 6 pixels wide, as thick as the digits'
    shift_limit = 2
    figsize, dpi = (8.8, 2.9), 80
    # Where the panels sit, as (left, bottom, width, height) in figure fractions: fixed, so
    # that a browser test can aim the mouse at the pad.
    PAD_BOX = (0.015, 0.04, 0.25, 0.76)
    VIEW_BOX = (0.31, 0.04, 0.25, 0.76)
    BARS_BOX = (0.635, 0.14, 0.355, 0.64)

    def __init__(self, model, test_images, test_labels, preprocess, start, interactive):
        self.model, self.preprocess = model, preprocess
        self.test_images, self.test_labels = test_images, test_labels
        predictions = np.argmax(self._predict(test_images), axis=1)
        self.mistakes = np.flatnonzero(predictions != test_labels)
        self.pad = np.zeros((self.pad_side, self.pad_side))
        self.loaded, self.edited = start, False
        self._pen = None  # while a mouse button is down: {"erase": bool, "last": point}
        rows, cols = np.indices(self.pad.shape)
        self._rows, self._cols = rows.astype(float), cols.astype(float)

        self.digit_slider = _int_slider("start from test digit #", start, 0,
                                        len(test_labels) - 1)
        self.right_slider = _int_slider("move right (pixels)", 0, -self.shift_limit,
                                        self.shift_limit)
        self.down_slider = _int_slider("move down (pixels)", 0, -self.shift_limit,
                                       self.shift_limit)
        self.clear_button = widgets.Button(description="Clear", icon="trash",
                                           tooltip="Empty the pad, to draw from scratch")
        self.clear_button.on_click(lambda _button: self.clear())
        self.mistake_button = widgets.Button(
            description="A digit it gets wrong", icon="search",
            tooltip="Put on the pad the next test digit the network misreads",
            layout=widgets.Layout(width="14em"), disabled=not len(self.mistakes))
        self.mistake_button.on_click(lambda _button: self.next_mistake())
        self.eraser_toggle = widgets.ToggleButton(description="Eraser", icon="eraser",
                                                  tooltip="Drag to rub out instead of draw")

        self.live = QuickFrames(self.figsize, dpi=self.dpi, interactive=interactive)
        figure = self.live.figure
        figure.set_layout_engine("none")  # the fixed boxes above
        self.ax_pad = figure.add_axes(self.PAD_BOX)
        self.ax_view = figure.add_axes(self.VIEW_BOX)
        self.ax_bars = figure.add_axes(self.BARS_BOX)
        self.pad_image = draw_digit_image(self.ax_pad, side=self.pad_side, vmax=1.0,
                                          grid_every=self.pad_side // DIGIT_SIDE)
        self.ax_pad.set_title("draw here (32×32)", fontsize=10)
        self.view_image = draw_digit_image(self.ax_view, grid_every=1)
        self.ax_view.set_title("what the network reads (8×8)", fontsize=10)
        self.bar_artists = draw_probability_bars(self.ax_bars)
        self.ax_bars.set_xlabel("digit", labelpad=1)
        # The guess, big: one glyph, cheap to redraw (its caption is static).
        self.ax_bars.text(0.62, 1.08, "it reads:", transform=self.ax_bars.transAxes,
                          ha="right", va="bottom", fontsize=11)
        self.guess_text = self.ax_bars.add_artist(CachedText(
            0.64, 1.06, "", transform=self.ax_bars.transAxes, ha="left", va="bottom",
            fontsize=18, fontweight="bold", color=GUESS_COLOR, clip_on=False))
        self.live.animate(self.pad_image, self.view_image, self.bar_artists["bars"],
                          self.bar_artists["label"], self.guess_text)
        canvas = self.live.canvas
        # ipympl's (hidden) toolbar turns every mouse move into a status-bar message about
        # the pixel under the mouse; nobody sees it, and it costs a few ms per move.
        toolbar = getattr(canvas, "toolbar", None)
        if toolbar is not None and hasattr(toolbar, "_id_drag"):
            canvas.mpl_disconnect(toolbar._id_drag)
        canvas.mpl_connect("button_press_event", self._on_press)
        canvas.mpl_connect("motion_notify_event", self._on_motion)
        canvas.mpl_connect("button_release_event", self._on_release)

        self._put_test_digit(start)
        controls = widgets.VBox([
            widgets.HBox([self.digit_slider, self.mistake_button]),
            widgets.HBox([self.right_slider, self.clear_button]),
            widgets.HBox([self.down_slider, self.eraser_toggle]),
        ])
        self._assemble(controls, "7.5em")

    def sliders(self):
        return [self.digit_slider, self.right_slider, self.down_slider]

    # --- what the network reads ----------------------------------------------------------

    def _predict(self, pixels):
        return np.asarray(self.model.predict_proba(self.preprocess(pixels)), dtype=float)

    def network_view(self):
        """The 8x8 picture the network reads now: the pad counted in 4x4 blocks, moved.

        Returns
        -------
        ndarray of shape (8, 8)
            Ink per pixel, 0 to 16.
        """
        pixels = load_digit_image(self.pad, max_value=1.0, ink="light")
        return _shifted(pixels, self.right_slider.value, self.down_slider.value)

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``pixels`` (8x8, 0-16, as the network reads them), ``probabilities`` (10,),
            ``guess`` (the most probable digit) and ``confidence`` (its probability),
            ``test_digit`` (the index of the test digit on the pad, or None once the pad was
            cleared), ``true_label`` (its label, or None), ``edited`` (drawn on since),
            ``shift`` (right, down) and ``inked`` (pad pixels with ink).
        """
        pixels = self.network_view()
        probabilities = self._predict(pixels.reshape(1, -1))[0]
        guess = int(np.argmax(probabilities))
        return {
            "pixels": pixels, "probabilities": probabilities, "guess": guess,
            "confidence": float(probabilities[guess]), "test_digit": self.loaded,
            "true_label": None if self.loaded is None else int(self.test_labels[self.loaded]),
            "edited": self.edited,
            "shift": (self.right_slider.value, self.down_slider.value),
            "inked": int(np.count_nonzero(self.pad)),
        }

    # --- changing the pad --------------------------------------------------------------

    def _put_test_digit(self, index):
        digit = self.test_images[index].reshape(DIGIT_SIDE, DIGIT_SIDE) / FULL_INK
        block = self.pad_side // DIGIT_SIDE
        self.pad = np.kron(digit, np.ones((block, block)))
        self.loaded, self.edited = index, False

    def _on_change(self, change):
        if change["owner"] is self.digit_slider:
            self._put_test_digit(change["new"])
        self._update()

    def show_test_digit(self, index):
        """Put test digit `index` on the pad (as the slider does)."""
        if self.digit_slider.value == index:
            self._put_test_digit(index)
            self._update()
        else:
            self.digit_slider.value = index  # its observer puts the digit on the pad

    def next_mistake(self):
        """Put on the pad the next test digit (after the one shown) the network misreads."""
        if not len(self.mistakes):
            return
        current = -1 if self.loaded is None else self.loaded
        later = self.mistakes[self.mistakes > current]
        self.show_test_digit(int(later[0] if len(later) else self.mistakes[0]))

    def clear(self):
        """Empty the pad."""
        self.pad = np.zeros_like(self.pad)
        self.loaded, self.edited = None, False
        self._update()

    def stroke(self, points, *, erase=False):
        """Draw (or rub out) a line through `points` on the pad, as a mouse drag would.

        Parameters
        ----------
        points : sequence of (x, y)
            Pad coordinates: x is the column (0 to 31, left to right), y the row (0 to 31,
            top to bottom).
        erase : bool, default False
        """
        points = [(float(x), float(y)) for x, y in points]
        for start, end in zip(points, points[1:] or points):
            self._paint_pad(start, end, erase)
        self._update()

    def _paint_pad(self, start, end, erase):
        touched = _segment_distances(self._rows, self._cols, start, end) <= self.pen_radius
        self.pad[touched] = 0.0 if erase else 1.0
        self.edited = True

    def _paint_view(self, start, end, erase):
        """Paint whole 8x8 pixels (4x4 pad blocks) along a line in the network's view."""
        block = self.pad_side // DIGIT_SIDE
        right, down = self.right_slider.value, self.down_slider.value
        steps = max(1, int(np.ceil(4 * np.hypot(end[0] - start[0], end[1] - start[1]))))
        for t in np.linspace(0.0, 1.0, steps + 1):
            col = int(np.rint(start[0] + t * (end[0] - start[0]))) - right
            row = int(np.rint(start[1] + t * (end[1] - start[1]))) - down
            if 0 <= row < DIGIT_SIDE and 0 <= col < DIGIT_SIDE:
                self.pad[row * block:(row + 1) * block, col * block:(col + 1) * block] = (
                    0.0 if erase else 1.0)
        self.edited = True

    # --- the mouse -----------------------------------------------------------------------

    def _pen_point(self, event):
        """(axes, (x, y)) under the mouse on the pad or the view, else None."""
        if event.inaxes in (self.ax_pad, self.ax_view) and event.xdata is not None:
            return event.inaxes, (float(event.xdata), float(event.ydata))
        return None

    def _on_press(self, event):
        where = self._pen_point(event)
        if where is None or event.button not in (1, 3):
            return
        erase = event.button == 3 or self.eraser_toggle.value
        self._pen = {"erase": erase, "last": where}
        self._paint(where, where, erase)

    def _on_motion(self, event):
        if self._pen is None:
            return
        if getattr(event, "buttons", None) is not None and not event.buttons:
            self._pen = None  # the button was let go outside the figure
            return
        where = self._pen_point(event)
        last, self._pen["last"] = self._pen["last"], where
        if where is None:
            return  # off the pad: the pen is lifted until it comes back
        self._paint(last if last and last[0] is where[0] else where, where, self._pen["erase"])

    def _on_release(self, event):
        pen, self._pen = self._pen, None
        if pen is None:
            return
        # The browser sends at most one move per 33 ms, so the last stretch of a quick
        # stroke may arrive only with the release: draw it too.
        where, last = self._pen_point(event), pen["last"]
        if where is not None and last is not None and last[0] is where[0] \
                and last[1] != where[1]:
            self._paint(last, where, pen["erase"])

    def _paint(self, start, end, erase):
        axes = end[0]
        if axes is self.ax_pad:
            self._paint_pad(start[1], end[1], erase)
        else:
            self._paint_view(start[1], end[1], erase)
        self._update()

    # --- showing -----------------------------------------------------------------------

    def _update(self):
        state = self.state()
        self.pad_image.set_data(self.pad)
        self.view_image.set_data(state["pixels"])
        update_probability_bars(self.bar_artists, state["probabilities"])
        self.guess_text.set_text(str(state["guess"]))
        self._state = state
        self._show_text_and_refresh()

    def text(self, state=None):
        state = self.state() if state is None else state
        probabilities = state["probabilities"]
        order = np.argsort(probabilities)[::-1]
        lines = [(f"The network reads a {state['guess']}, with probability "
                  f"{state['confidence']:.1%}; next most likely: {order[1]} "
                  f"({probabilities[order[1]]:.1%}).")]
        lines.append("Probabilities: " + " · ".join(
            f"{k}: {p:.0%}" for k, p in enumerate(probabilities)))
        if state["inked"] == 0:
            lines.append("The pad is empty, yet the network answers: it always gives ten "
                         "probabilities that sum to 1. Draw a digit, big and with thick "
                         "strokes, filling the square as the test digits do.")
        elif state["test_digit"] is not None:
            truth, where = state["true_label"], f"test digit #{state['test_digit']}"
            if state["edited"]:
                lines.append(f"On the pad: {where} (labelled {truth}), with your changes.")
            elif state["guess"] == truth:
                lines.append(f"On the pad: {where}, labelled {truth}: ✔ read right.")
            else:
                lines.append(f"On the pad: {where}, labelled {truth}: ✘ misread as "
                             f"{state['guess']}.")
        else:
            lines.append(f"On the pad: your drawing ({state['inked']} of "
                         f"{self.pad.size:,} pad pixels inked).")
        right, down = state["shift"]
        if right or down:
            moves = [f"{abs(right)} pixel{'s' if abs(right) > 1 else ''} "
                     f"{'right' if right > 0 else 'left'}" if right else "",
                     f"{abs(down)} pixel{'s' if abs(down) > 1 else ''} "
                     f"{'down' if down > 0 else 'up'}" if down else ""]
            lines.append("The network reads it moved " + " and ".join(m for m in moves if m)
                         + ".")
        return "\n".join(lines)

    def _show_text_and_refresh(self):
        self.readout.value = ("<pre style='line-height: 1.4; white-space: pre-wrap'>"
                              f"{html.escape(self.text(self._state))}</pre>")
        self.live.refresh()


def _check_test_digits(test_images, test_labels):
    """The test digits as (n, 64) floats from 0 to 16 and (n,) ints from 0 to 9, checked."""
    from .._validation import as_float_array

    images = as_float_array(test_images, "test_images")
    if images.ndim != 2 or images.shape[1] != DIGIT_SIDE**2 or not len(images):
        raise ValueError(f"test_images must have shape (n_digits, 64), one 8x8 digit a row, "
                         f"got shape {images.shape}.")
    if not np.isfinite(images).all() or images.min() < 0 or images.max() > FULL_INK:
        raise ValueError("test_images must hold pixels from 0 to 16, the digits' own scale, "
                         f"got values from {np.nanmin(images):g} to {np.nanmax(images):g}.")
    if images.max() <= 1.0:
        raise ValueError("test_images look scaled to 0-1 already: pass the digits as loaded, "
                         "pixels from 0 to 16 (the demo scales them itself, with "
                         "`preprocess`).")
    labels = np.asarray(test_labels)
    if labels.shape != (len(images),) or labels.dtype.kind not in "iu" \
            or labels.min() < 0 or labels.max() >= N_CLASSES:
        raise ValueError(f"test_labels must be {len(images)} whole numbers from 0 to 9, one per "
                         f"test digit, got {labels.dtype} of shape {labels.shape}.")
    return images, labels.astype(int)


def draw_digit(model, test_images, test_labels, *, preprocess=None, start=0, interactive=True):
    """Draw a digit with the mouse and watch `model` read it, live.

    A 32x32 drawing pad, the 8x8 picture the network reads (the pad's ink counted in 4x4
    blocks, 0 to 16, the way scikit-learn's digits were made), and a bar chart of the ten
    probabilities with the network's guess. Buttons clear the pad and fetch a test digit
    the network gets wrong; sliders put a test digit on the pad and move the picture the
    network reads by whole pixels.

    Parameters
    ----------
    model : object with ``predict_proba(X)``
        A trained network: ``X`` of shape (n, 64) in, probabilities of shape (n, 10) out,
        e.g. a ``neuron_lib`` ``Network`` ending in softmax.
    test_images : array_like of shape (n_digits, 64)
        Digits to start from, pixels 0 to 16 as loaded (not scaled).
    test_labels : array_like of shape (n_digits,)
        Their labels, 0 to 9.
    preprocess : callable, optional
        Turns (n, 64) pixels from 0 to 16 into the model's inputs; the default divides by
        16, as the lesson does.
    start : int, default 0
        The test digit on the pad at first.
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    DigitDrawer

    Raises
    ------
    TypeError
        For a model without ``predict_proba`` or a `preprocess` that is not callable.
    ValueError
        For test digits of the wrong shape or scale, labels outside 0-9, a `start` out of
        range, or a model whose output is not ten probabilities per digit.

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from sklearn.linear_model import LogisticRegression
    >>> X, y = load_digits(return_X_y=True)
    >>> model = LogisticRegression(max_iter=2000).fit(X[:1500] / 16, y[:1500])
    >>> drawer = draw_digit(model, X[1500:], y[1500:], interactive=False)
    >>> drawer.clear()
    >>> drawer.stroke([(16, 3), (16, 28)])   # one long vertical stroke
    >>> drawer.state()["guess"]
    1
    """
    if not callable(getattr(model, "predict_proba", None)):
        raise TypeError(f"model must be a trained network with a predict_proba(X) method (a "
                        f"neuron_lib Network), got {type(model).__name__}.")
    if preprocess is None:
        preprocess = _scale_to_unit
    elif not callable(preprocess):
        raise TypeError(f"preprocess must be a function from (n, 64) pixels to the model's "
                        f"inputs, got {type(preprocess).__name__}.")
    images, labels = _check_test_digits(test_images, test_labels)
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)) \
            or not 0 <= start < len(labels):
        raise ValueError(f"start must be a test digit's index, a whole number from 0 to "
                         f"{len(labels) - 1}, got {start!r}.")
    probabilities = np.asarray(model.predict_proba(preprocess(images[:2])), dtype=float)
    if probabilities.shape != (min(2, len(images)), N_CLASSES) \
            or not np.isfinite(probabilities).all() \
            or not np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError(f"model.predict_proba must give 10 probabilities summing to 1 per "
                         f"digit, got an array of shape {probabilities.shape}. Does the model "
                         "end in a 10-unit softmax, and take the inputs `preprocess` makes?")
    return DigitDrawer(model, images, labels, preprocess, int(start), interactive)
