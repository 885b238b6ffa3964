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


def from_the_browser(monkeypatch):
    """Every slider change counts as a move from the browser, handled in the running loop."""
    monkeypatch.setattr(base, "_front_end_loop", asyncio.get_running_loop)


def run(scenario):
    return asyncio.run(scenario())


async def until_drawn(explorer, timeout=5.0):
    deadline = time.monotonic() + timeout
    while explorer._redraw_handle is not None:
        assert time.monotonic() < deadline, "the coalesced move was never drawn"
        await asyncio.sleep(0)


def test_python_changes_draw_at_once_without_a_kernel():
    explorer = demos.neuron_explorer(rng=0, interactive=False)
    for value in (0.5, 1.0, 1.5):
        explorer.bias_slider.value = value
        assert marker_z(explorer) == pytest.approx(explorer.state()["z"])
    assert base._front_end_loop() is None  # no IPython kernel here


def test_moves_read_from_a_queue_are_drawn_once_with_the_newest_value(monkeypatch):
    async def scenario():
        from_the_browser(monkeypatch)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        z_before, blits = marker_z(explorer), explorer.live.n_blits
        # A queue of moves, read one per turn of the event loop, as the kernel reads them.
        for value in np.linspace(0.1, 2.0, 20):
            explorer.bias_slider.value = round(float(value), 2)
            await asyncio.sleep(0)
        # Nothing drawn while moves keep coming: each one only set the slider.
        assert (explorer.live.n_blits, marker_z(explorer)) == (blits, z_before)
        assert "+ (2.00)" not in explorer.readout.value
        await until_drawn(explorer)
        # One frame for the twenty moves, showing the last one.
        assert explorer.live.n_blits == blits + 1
        assert explorer.state()["bias"] == 2.0
        assert marker_z(explorer) == pytest.approx(explorer.state()["z"])
        assert "+ (2.00)" in explorer.readout.value

    run(scenario)


def test_a_lone_move_is_drawn_within_a_few_turns_of_the_loop(monkeypatch):
    async def scenario():
        from_the_browser(monkeypatch)  # as JupyterLab sends: one update at a time
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        for value in (1.25, 1.5):
            blits = explorer.live.n_blits
            explorer.bias_slider.value = value
            turns = 0
            while explorer._redraw_handle is not None:
                await asyncio.sleep(0)
                turns += 1
            assert turns <= explorer._quiet_rounds + 1
            assert explorer.live.n_blits == blits + 1
            assert marker_z(explorer) == pytest.approx(explorer.state()["z"])

    run(scenario)


def test_an_endless_flood_still_shows_a_frame_every_tenth_of_a_second(monkeypatch):
    async def scenario():
        from_the_browser(monkeypatch)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        blits = explorer.live.n_blits
        started = time.perf_counter()
        value = 0.0
        while time.perf_counter() - started < 0.35:  # a move every turn, for 0.35 s
            value = round(-value + 0.01 if value <= 0 else -value, 2)
            explorer.bias_slider.value = value
            await asyncio.sleep(0)
        frames_during = explorer.live.n_blits - blits
        await until_drawn(explorer)
        assert 2 <= frames_during <= 4, frames_during  # at 0.1, 0.2, 0.3 s
        assert marker_z(explorer) == pytest.approx(explorer.state()["z"])

    run(scenario)


def test_without_coalescing_every_move_is_drawn_at_once(monkeypatch):
    async def scenario():
        from_the_browser(monkeypatch)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        explorer.coalesce_moves = False
        blits = explorer.live.n_blits
        for value in (0.5, 1.0, 1.5):
            explorer.bias_slider.value = value
            assert marker_z(explorer) == pytest.approx(explorer.state()["z"])
        assert explorer.live.n_blits == blits + 3

    run(scenario)


def test_a_still_taken_while_a_move_waits_shows_that_move(monkeypatch):
    async def scenario():
        from_the_browser(monkeypatch)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        explorer.bias_slider.value = -2.5
        assert explorer._redraw_handle is not None
        still = explorer.snapshot()
        assert explorer._redraw_handle is None
        assert "−2.50" in still["text/plain"]
        assert marker_z(explorer) == pytest.approx(explorer.state()["z"])

    run(scenario)


def test_a_demo_closed_while_a_move_waits_is_not_drawn_again(monkeypatch):
    async def scenario():
        from_the_browser(monkeypatch)
        explorer = demos.neuron_explorer(rng=0, interactive=False)
        explorer.bias_slider.value = 1.0
        blits = explorer.live.n_blits
        explorer.close()
        await until_drawn(explorer)  # the redraw came due and did nothing
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
    # The 30 queued moves come to one redraw, or a few.
    assert 1 <= results[True].frames <= 5, results[True].frames
    assert len(results[True].drawn) == results[True].frames  # each frame a newer move
    assert results[False].frames == 30 and len(results[False].drawn) == 30
