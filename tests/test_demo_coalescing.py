"""Slider moves that arrive faster than a demo can draw: the newest value is drawn, stale ones
are skipped (neuron_lib/demos/base.py, Demo._on_change).

The unit tests stand in for the kernel with an asyncio loop and declare every change a move
from the browser; the last test sends real widget messages to a real kernel.
"""

import asyncio
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from neuron_lib import demos
from neuron_lib.demos import base


def marker_z(explorer):
    """Where the sigmoid marker is drawn (its x), the z the figure shows."""
    return float(explorer.markers["sigmoid"]["point"].get_xdata()[0])


def run(scenario):
    return asyncio.run(scenario())


async def until_drawn(explorer, timeout=5.0):
    deadline = time.monotonic() + timeout
    while explorer._redraw_handle is not None:
        assert time.monotonic() < deadline, "the coalesced move was never drawn"
        await asyncio.sleep(0.002)


def just_drew(explorer, seconds):
    """As if the demo had just finished a draw that took `seconds`."""
    explorer._last_draw_seconds = seconds
    explorer._last_draw_end = time.perf_counter()


def test_python_changes_draw_at_once_without_a_kernel():
    explorer = demos.neuron_explorer(rng=0, interactive=False)
    just_drew(explorer, 10.0)  # even right after a slow draw
    for value in (0.5, 1.0, 1.5):
        explorer.bias_slider.value = value
        assert marker_z(explorer) == pytest.approx(explorer.state()["z"])
    assert base._front_end_loop() is None  # no IPython kernel here


def test_moves_queued_during_a_draw_are_drawn_once_with_the_newest_value(monkeypatch):
    async def scenario():
        monkeypatch.setattr(base, "_front_end_loop", asyncio.get_running_loop)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        z_before, blits = marker_z(explorer), explorer.live.n_blits
        just_drew(explorer, 0.05)
        for value in np.linspace(0.1, 2.0, 20):  # a burst that arrived while it drew
            explorer.bias_slider.value = round(float(value), 2)
        # Nothing drawn yet: the moves were read, the redraw waits for the rest to end.
        assert (explorer.live.n_blits, marker_z(explorer)) == (blits, z_before)
        assert "+ (2.00)" not in explorer.readout.value
        await until_drawn(explorer)
        # One frame for the twenty moves, showing the last one.
        assert explorer.live.n_blits == blits + 1
        assert explorer.state()["bias"] == 2.0
        assert marker_z(explorer) == pytest.approx(explorer.state()["z"])
        assert "+ (2.00)" in explorer.readout.value

    run(scenario)


def test_a_move_after_a_rest_is_drawn_at_once(monkeypatch):
    async def scenario():
        monkeypatch.setattr(base, "_front_end_loop", asyncio.get_running_loop)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        explorer._last_draw_seconds = 0.05
        explorer._last_draw_end = time.perf_counter() - 0.06  # rested longer than it drew
        blits = explorer.live.n_blits
        explorer.bias_slider.value = 1.25
        assert explorer._redraw_handle is None
        assert explorer.live.n_blits == blits + 1
        assert marker_z(explorer) == pytest.approx(explorer.state()["z"])

    run(scenario)


def test_without_coalescing_every_move_is_drawn(monkeypatch):
    async def scenario():
        monkeypatch.setattr(base, "_front_end_loop", asyncio.get_running_loop)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        explorer.coalesce_moves = False
        just_drew(explorer, 0.05)
        blits = explorer.live.n_blits
        for value in (0.5, 1.0, 1.5):
            explorer.bias_slider.value = value
        assert explorer.live.n_blits == blits + 3

    run(scenario)


def test_a_still_taken_while_a_move_waits_shows_that_move(monkeypatch):
    async def scenario():
        monkeypatch.setattr(base, "_front_end_loop", asyncio.get_running_loop)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        just_drew(explorer, 10.0)
        explorer.bias_slider.value = -2.5
        assert explorer._redraw_handle is not None
        still = explorer.snapshot()
        assert explorer._redraw_handle is None
        assert "−2.50" in still["text/plain"]
        assert marker_z(explorer) == pytest.approx(explorer.state()["z"])

    run(scenario)


def test_a_demo_closed_while_a_move_waits_is_not_drawn_again(monkeypatch):
    async def scenario():
        monkeypatch.setattr(base, "_front_end_loop", asyncio.get_running_loop)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        just_drew(explorer, 0.02)
        explorer.bias_slider.value = 1.0
        blits = explorer.live.n_blits
        explorer.close()
        await asyncio.sleep(0.05)  # past the rest: the redraw comes due and must do nothing
        assert explorer._redraw_handle is None
        assert explorer.live.n_blits == blits

    run(scenario)


def test_only_widget_messages_count_as_moves_from_the_browser(monkeypatch):
    """A cell that sets a slider (an execute_request) draws at once, even in a kernel."""
    class Kernel:
        def __init__(self, msg_type):
            self.request = {"header": {"msg_type": msg_type}}

        def get_parent(self, channel):
            return self.request

    class Shell:
        kernel = None

    shell = Shell()
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)

    async def loop_seen(msg_type):
        shell.kernel = Kernel(msg_type)
        return base._front_end_loop()

    assert asyncio.run(loop_seen("execute_request")) is None
    assert asyncio.run(loop_seen("comm_msg")) is not None
    shell.kernel = Kernel("comm_msg")
    assert base._front_end_loop() is None  # no running loop: nothing to defer to


def test_a_real_kernel_coalesces_a_queue_of_moves_from_the_browser():
    """Widget messages, as JupyterLab sends them, to lesson 01's demo in a real kernel: a
    queue of 30 bias moves sent at once is drawn in a few frames ending on the last value;
    with coalescing off, the kernel replays all 30 frames."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import classroom_load

    async def scenario():
        student = classroom_load.Student(0)
        await student.start()
        try:
            await student.build_demo()
            bias = 6  # x1..x3, w1..w3, b
            results = {}
            for coalesce, values in ((True, np.arange(1, 31) / 10),
                                     (False, -np.arange(1, 31) / 10)):
                await student.execute(f"_drag.coalesce_moves = {coalesce}")
                results[coalesce] = await student.sweep(bias, [round(v, 2) for v in values])
            shown = await student.execute("", {"b": "_drag.bias_slider.value"})
            return results, shown["b"]
        finally:
            await student.stop()

    results, final_bias = asyncio.run(scenario())
    for run in results.values():
        assert run.caught_up(), "the picture never showed the last move"
    assert final_bias == -3.0
    # The first move is drawn at once; the 29 queued behind it come to a few redraws.
    assert 2 <= results[True].frames <= 10, results[True].frames
    assert len(results[True].drawn) == results[True].frames  # each frame a newer move
    assert results[False].frames == 30 and len(results[False].drawn) == 30
