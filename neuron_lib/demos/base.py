"""What every demo shares: sliders, number formatting, the Demo base class, cell bookkeeping.

A demo is sliders and a live figure, wired once, returned as an object. It shows itself as a
widget in JupyterLab; where no kernel runs (GitHub, nbviewer, an HTML export) it shows a PNG
of its figure and its numbers as text. Tests drive it without a browser: set a slider's
``value`` and read ``state()``, ``text()`` and the plotted artists.
"""

import asyncio
import base64
import html
import math
import time

import ipywidgets as widgets
from traitlets import TraitError, validate

from .._validation import check_real_number
from ..style import BLUE, SLATE

__all__ = ["SPAM_FEATURES", "Demo", "FiniteSlider", "check_in_range", "format_number",
           "linear_terms", "make_slider", "subscript"]

SPAM_FEATURES = ('"$" frequency', '"!" frequency', "CAPITALS run")


class FiniteSlider(widgets.FloatSlider):
    """A FloatSlider that refuses NaN and infinity, with a message, and keeps its value.

    ipywidgets clamps values outside [min, max] but lets NaN through (every comparison with
    NaN is false): a demo given ``slider.value = float("nan")`` from code would then raise on
    that move and on every later move of any slider. Refused here, at once, so that the demo
    never sees it.
    """

    @validate("value")
    def _validate_value(self, proposal):
        value = proposal["value"]
        if not math.isfinite(value):
            raise TraitError(
                f"The slider {self.description!r} takes finite numbers from {self.min:g} to "
                f"{self.max:g}, got {value}. It keeps its value, {format_number(self.value)}.")
        return super()._validate_value(proposal)


def make_slider(description, value, low, high, step=0.01):
    """A float slider from `low` to `high` that refuses NaN and inf; `value` must lie in
    that range."""
    return FiniteSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=".2f", continuous_update=True,
        style={"description_width": "11em"}, layout={"width": "26em"},
    )


def check_in_range(value, name, low, high):
    """`value` as a float in [low, high], the range of its slider; raise otherwise."""
    value = check_real_number(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in [{low:g}, {high:g}], the range of its slider, "
                         f"got {value:g}.")
    return value


def subscript(i):
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(i))


def format_number(value):
    """Format a number with a real minus sign, as the slider readouts do; never "−0.00"."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def linear_terms(coefficients, names, constant):
    """Write a linear expression readably: "1.00·x₁ − 0.50·x₂ + 0.20"."""
    text = ""
    for coefficient, name in [*zip(coefficients, names), (constant, "")]:
        term = format_number(abs(coefficient)) + (f"·{name}" if name else "")
        sign = "−" if format_number(coefficient).startswith("−") else "+"
        text = (f"{'−' if sign == '−' else ''}{term}" if not text
                else f"{text} {sign} {term}")
    return text


_DEMO_CLASS = "nn-demo"


def _stylesheet(figure_width):
    """The demos' CSS, carried by the demo itself (an HTML widget holds it), scoped to it.

    - Readouts wrap at spaces: JupyterLab's outputs break preformatted text anywhere, even
      inside words and numbers.
    - The live figure shrinks to the notebook's width (down to a narrow window with the
      file browser open) and never grows past its own size; ipympl fixes the canvas's size
      in pixels, so that is overridden here. The demos take no mouse input on the figure,
      so scaling it costs nothing.
    - Pressed toggle buttons are filled and ticked; unpressed ones stay plain.
    """
    figure = f".{_DEMO_CLASS} .nn-figure-{figure_width}"
    return f"""<style>
.{_DEMO_CLASS} pre {{ white-space: pre-wrap; word-break: normal; overflow-wrap: break-word; }}
.{_DEMO_CLASS} .jupyter-matplotlib, .{_DEMO_CLASS} .jupyter-matplotlib-figure,
.{_DEMO_CLASS} .jupyter-matplotlib-canvas-container {{ min-width: 0; max-width: 100%; }}
{figure} .jupyter-matplotlib-canvas-div {{
  width: 100% !important; max-width: {figure_width}px; height: auto !important;
}}
{figure} .jupyter-matplotlib-canvas-div > canvas:first-child {{
  position: static !important; width: 100% !important; height: auto !important;
}}
{figure} .jupyter-matplotlib-canvas-div > canvas + canvas {{
  width: 100% !important; height: 100% !important;
}}
.{_DEMO_CLASS} .jupyter-button.mod-active {{
  background-color: var(--jp-brand-color1, {BLUE});
  color: var(--jp-ui-inverse-font-color1, {SLATE}); font-weight: bold;
}}
.{_DEMO_CLASS} .widget-toggle-button.mod-active::before {{ content: "✓ "; }}
</style>"""


# Demos on show, by notebook cell: cell id -> (id of the run that showed them, demos).
# Re-running a cell replaces its outputs, so the demos its earlier run showed can be closed
# at once instead of lingering in the kernel's memory until it restarts.
_SHOWN_BY_CELL = {}


def _forget_earlier_runs_of_this_cell(demo):
    """Close the demos an earlier run of the current cell showed; remember this one."""
    try:
        from IPython import get_ipython

        request = get_ipython().kernel.get_parent("shell")
    except (AttributeError, ImportError, TypeError):
        return  # not in a Jupyter kernel: nothing was shown
    cell_id = request.get("metadata", {}).get("cellId")
    run_id = request.get("header", {}).get("msg_id")
    if not cell_id:
        return  # the front end does not say which cell runs (nbconvert, nbval)
    earlier_run, shown = _SHOWN_BY_CELL.get(cell_id, (None, []))
    if earlier_run != run_id:
        for old in shown:
            if old is not demo:
                old.close()
        shown = []
    _SHOWN_BY_CELL[cell_id] = (run_id, [*shown, demo])


def _front_end_loop():
    """The kernel's running event loop if the change being handled came from the browser
    (a widget's comm message), else None."""
    try:
        from IPython import get_ipython

        request = get_ipython().kernel.get_parent("shell")
    except (AttributeError, ImportError, TypeError):
        return None
    if request.get("header", {}).get("msg_type") != "comm_msg":
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Demo:
    """What every demo shares: a widget to show, a live figure, a text readout."""

    title = "Interactive demo"
    widget = None
    live = None

    def text(self):
        """The numbers the demo shows, as plain text."""
        raise NotImplementedError

    def sliders(self):
        """Every slider of the demo, in display order."""
        raise NotImplementedError

    def _update(self):
        """Bring the figure and the readout up to date with the widgets."""
        raise NotImplementedError

    # Slider moves from the browser that arrive faster than the kernel draws are coalesced:
    # a move only sets the sliders, and the redraw waits until the kernel's event loop has
    # gone round a few times without another move, that is, until it has read the moves
    # queued behind this one; it then shows the newest values once, instead of one stale
    # frame per queued move (on a crowded hub such a queue lags seconds behind the hand).
    # With nothing queued (JupyterLab sends one update per slider at a time) the redraw
    # comes a few microseconds later. False: one frame per move, drawn at once (compared
    # in benchmarks/classroom_load.py).
    coalesce_moves = True
    max_coalesce_seconds = 0.1  # in an endless flood of moves, still show one every 0.1 s
    _quiet_rounds = 5  # loop rounds without a move before the queue counts as read
    _redraw_handle = None
    _moves = 0

    def _on_change(self, change):
        self._moves += 1
        loop = _front_end_loop() if self.coalesce_moves else None
        if loop is None:
            self._draw_now()  # a change made by Python code (a cell, a test) shows at once
        elif self._redraw_handle is None:
            self._redraw_handle = loop.call_soon(self._redraw_due, loop, self._moves, 0,
                                                 time.perf_counter())
        # else: the redraw to come shows this move's value, or a newer one

    def _redraw_due(self, loop, moves, quiet, since):
        quiet = quiet + 1 if moves == self._moves else 0
        if quiet < self._quiet_rounds and time.perf_counter() - since < self.max_coalesce_seconds:
            self._redraw_handle = loop.call_soon(self._redraw_due, loop, self._moves, quiet, since)
            return
        self._redraw_handle = None
        if getattr(self.widget, "comm", None) is not None:  # not closed meanwhile
            self._draw_now()

    def _draw_now(self):
        if self._redraw_handle is not None:
            self._redraw_handle.cancel()
            self._redraw_handle = None
        self._update()

    def _assemble(self, controls, readout_height):
        """Wire every slider to the update, stack controls, live figure and readout, and draw
        the first state."""
        self.readout = widgets.HTML(layout=widgets.Layout(min_height=readout_height))
        for slider in self.sliders():
            slider.observe(self._on_change, names="value")
        self.widget = self._arrange(self._with_reset_button(controls))
        self._update()

    def _arrange(self, controls):
        """The demo's widget: controls, then the live figure, then the readout."""
        return self._styled(widgets.VBox([controls, *self._figure(), self.readout]))

    def _figure(self):
        """The live figure as a list of widgets (none where it cannot be live)."""
        if not self.live.interactive:
            return []
        width = round(self.live.figure.bbox.width)
        self.live.canvas.add_class(f"nn-figure-{width}")
        return [self.live.canvas]

    def _styled(self, box):
        """Give the demo's widget its stylesheet and class (see `_stylesheet`)."""
        box.children = (widgets.HTML(_stylesheet(round(self.live.figure.bbox.width))),
                        *box.children)
        box.add_class(_DEMO_CLASS)
        return box

    # --- reset ----------------------------------------------------------------------------

    def _with_reset_button(self, controls):
        """The controls with a Reset button beside them; remember where everything starts."""
        self._starting_values = [(control, control.value) for control in self._resettable()]
        self.reset_button = widgets.Button(
            description="Reset", icon="undo", tooltip="Put every control back where it started",
            layout=widgets.Layout(width="7em", margin="2px 0 0 1em"))
        self.reset_button.on_click(lambda _button: self.reset())
        return widgets.HBox([controls, self.reset_button],
                            layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))

    def _resettable(self):
        """The controls Reset puts back: the sliders (subclasses add toggles)."""
        return self.sliders()

    def _observers(self):
        """(control, handler) pairs that react to a control's value."""
        return [(slider, self._on_change) for slider in self.sliders()]

    def reset(self):
        """Put every control back where the demo started, then draw once."""
        observers = self._observers()
        for control, handler in observers:  # one redraw at the end, not one per control
            control.unobserve(handler, names="value")
        try:
            for control, value in self._starting_values:
                control.value = value
        finally:
            for control, handler in observers:
                control.observe(handler, names="value")
        self._after_reset()

    def _after_reset(self):
        self._update()

    # --- text -----------------------------------------------------------------------------

    def describe(self):
        """What the figure shows now, in words: the still's text alternative.

        Each demo says what its figure shows; this default names the demo and its numbers.
        """
        return f"{self.title}. {self.text()}"

    def _show_text_and_refresh(self):
        # Readouts wrap at spaces only (see `_stylesheet`); said here too, for stills.
        self.readout.value = ("<pre style='line-height: 1.4; white-space: pre-wrap; "
                              f"word-break: normal'>{html.escape(self.text())}</pre>")
        self.live.refresh()

    def snapshot(self, collapsed=False):
        """The demo as a still picture and text, as a mime bundle for pages without a kernel.

        `collapsed` folds the picture away behind a one-line summary (HTML only), for when
        the live demo is on show just below it.
        """
        if self._redraw_handle is not None:
            self._draw_now()  # a coalesced move is still to be drawn: show it
        png = base64.b64encode(self.live.to_png()).decode("ascii")
        text = self.text()
        width = round(self.live.figure.bbox.width)
        still = (f'<img class="nn-demo-still" src="data:image/png;base64,{png}" '
                 f'alt="{html.escape(self.describe())}" '
                 f'style="width: {width}px; max-width: 100%; height: auto">'
                 "<pre style='white-space: pre-wrap; word-break: normal'>"
                 f"{html.escape(text)}</pre>")
        if collapsed:
            still = ("<details><summary>A still of the demo below, for pages without a "
                     f"kernel</summary>{still}</details>")
        else:
            still += ('<p style="font-style: italic">A still of the interactive demo. To move '
                      "its sliders, run the lesson from the top: Run → Run All Cells (or run "
                      "the first code cell, the imports, then this one).</p>")
        return {"text/html": still, "image/png": png, "text/plain": text}

    def _ipython_display_(self):
        from IPython.display import display

        # Two outputs: a still (picture and numbers) that every viewer shows, GitHub and
        # HTML exports included, then the live widget. Once the browser draws the live
        # figure, the still would repeat it: it is folded away (not removed, so that a
        # notebook saved from JupyterLab still shows it where no kernel runs).
        _forget_earlier_runs_of_this_cell(self)
        still = display(self.snapshot(), raw=True, display_id=True)
        live = self.widget._repr_mimebundle_()
        live["text/plain"] = "(The live demo appears here when the notebook runs.)"
        display(live, raw=True)
        if self.live.interactive:
            def fold_still(_canvas, content, _buffers):
                if content.get("type") == "initialized":
                    folded = self.snapshot(collapsed=True)
                    # Only the HTML: the PNG alone would show in full above the demo.
                    still.update({"text/html": folded["text/html"],
                                  "text/plain": folded["text/plain"]}, raw=True)

            self.live.canvas.on_msg(fold_still)

    def close(self):
        """Close the demo's widgets, freeing them in the kernel and the browser.

        Every widget the demo shows, and the widgets those hold (layouts, styles, the figure's
        canvas and its toolbar): a widget left open stays registered, and the canvas's
        toolbar keeps the canvas and its figure alive, so re-running a demo cell would leak
        a figure each time.
        """
        for widget in self._all_widgets():
            widget.close()

    def _all_widgets(self):
        """Every widget reachable from the demo: children, layouts, styles, the toolbar."""
        roots = [self.widget]
        if self.live is not None and self.live.interactive:
            roots.append(self.live.canvas)
        found, stack = {}, [root for root in roots if root is not None]
        while stack:
            widget = stack.pop()
            if id(widget) in found:
                continue
            found[id(widget)] = widget
            for name in widget.keys:  # the synced traits, where widgets hold other widgets
                value = getattr(widget, name, None)
                for item in value if isinstance(value, (list, tuple)) else (value,):
                    if isinstance(item, widgets.Widget):
                        stack.append(item)
        return list(found.values())
