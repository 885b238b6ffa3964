"""What every demo shares: sliders, number formatting, the Demo base class, cell bookkeeping.

A demo is sliders and a live figure, wired once, returned as an object. It shows itself as a
widget in JupyterLab; where no kernel runs (GitHub, nbviewer, an HTML export) it shows a PNG
of its figure and its numbers as text. Tests drive it without a browser: set a slider's
``value`` and read ``state()``, ``text()`` and the plotted artists.
"""

import asyncio
import base64
import html
import time

import ipywidgets as widgets

from .._validation import check_real_number

__all__ = ["SPAM_FEATURES", "Demo", "check_in_range", "format_number", "linear_terms",
           "make_slider", "subscript"]

SPAM_FEATURES = ('"$" frequency', '"!" frequency', "CAPITALS run")


def make_slider(description, value, low, high, step=0.01):
    """A float slider from `low` to `high`; `value` must lie in that range."""
    return widgets.FloatSlider(
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
        figure = [self.live.canvas] if self.live.interactive else []
        self.widget = widgets.VBox([controls, *figure, self.readout])
        self._update()

    def _show_text_and_refresh(self):
        self.readout.value = f"<pre style='line-height: 1.4'>{html.escape(self.text())}</pre>"
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
        still = (f'<img src="data:image/png;base64,{png}" alt="{html.escape(self.title)}">'
                 f"<pre>{html.escape(text)}</pre>")
        if collapsed:
            still = ("<details><summary>A still of the demo below, for pages without a "
                     f"kernel</summary>{still}</details>")
        else:
            still += ('<p style="font-style: italic">A still of the interactive demo: run the '
                      "notebook to move its sliders.</p>")
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
        """Close the demo's widgets, freeing them in the kernel and the browser."""
        for child in self._all_widgets():
            child.close()
        if self.live.interactive:
            self.live.canvas.close()

    def _all_widgets(self):
        stack, seen = [self.widget], []
        while stack:
            widget = stack.pop()
            seen.append(widget)
            stack.extend(getattr(widget, "children", ()))
        return seen
