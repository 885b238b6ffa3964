"""Lesson 06's "draw a digit" demo: time from a mouse move to the new image, in the kernel.

The demo is driven as the browser drives it: ipympl's front end sends a `motion_notify`
message per mouse move (at most one every 33 ms) while a button is held; the kernel paints
the pad, asks the network for its ten probabilities, redraws the moving artists over the
cached background and hands a PNG to `send_binary`. The time from the message to that call
is the latency measured here, over strokes across the pad.

The baseline, in the same run and on the same state, is the naive demo: a new figure per
move (pad, 8x8 picture, bar chart and title, with `plt.subplots`), rendered to PNG as the
inline backend does (`print_figure(..., bbox_inches="tight")`).

Also printed: memory growth (resident set), the open-figure count and the number of full
redraws after 1,000 more stroke updates. Targets (issue 13): median <= 15 ms per stroke
update, >= 8x faster than the naive re-plot.

    python benchmarks/draw_digit_latency.py [--moves N]
"""

import argparse
import os
import statistics
import time

import matplotlib.pyplot as plt
import numpy as np
from IPython.core.pylabtools import print_figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from neuron_lib import Network, demos, train
from neuron_lib.datasets import load_digits
from neuron_lib.preprocessing import train_test_split

TARGET_MS, TARGET_SPEED_UP = 15.0, 8.0


def trained_model():
    """Lesson 06's network, trained as the lesson trains it; and the test digits (0-16)."""
    X, y, _ = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, rng=0)
    network = Network([64, 16, 10], ["relu", "softmax"], init="he", rng=0)
    train(network, X_train / 16, y_train, loss="categorical_cross_entropy", lr=0.1, epochs=80,
          batch_size=32, rng=0)
    return network, X_test, y_test


class Browser:
    """Sends ipympl's mouse messages to the demo's canvas, as the front end does."""

    def __init__(self, drawer):
        self.drawer, self.canvas = drawer, drawer.live.canvas
        self.height = self.canvas.figure.bbox.height

    def send(self, kind, x, y, buttons=1):
        display_x, display_y = self.drawer.ax_pad.transData.transform((x, y))
        self.canvas._handle_message(self.canvas, {
            "type": kind, "x": float(display_x), "y": float(self.height - display_y),
            "button": 0, "buttons": buttons, "modifiers": [], "guiEvent": {}}, [])


def strokes(rng, n_moves, points_per_stroke=12):
    """(kind, x, y) mouse messages: strokes of `points_per_stroke` moves across the pad."""
    messages = []
    while sum(kind == "motion_notify" for kind, *_ in messages) < n_moves:
        start, end = rng.uniform(2.0, 29.0, size=(2, 2))
        points = np.linspace(start, end, points_per_stroke + 1)
        messages.append(("button_press", *points[0]))
        messages += [("motion_notify", *point) for point in points[1:]]
        messages.append(("button_release", *points[-1]))
    return messages


def naive_plot(drawer):
    """What an `interact` callback would do per mouse move: a new figure, drawn in full."""
    state = drawer.state()
    # A figure of its own, as `plt.subplots` under the inline backend makes (an Agg canvas);
    # built without pyplot, so that no GUI backend is involved wherever this runs.
    fig = Figure(figsize=drawer.figsize, dpi=drawer.dpi)
    FigureCanvasAgg(fig)
    ax_pad, ax_view, ax_bars = fig.subplots(1, 3)
    ax_pad.imshow(drawer.pad, cmap="gray_r", vmin=0, vmax=1)
    ax_view.imshow(state["pixels"], cmap="gray_r", vmin=0, vmax=16)
    colors = ["C1" if k == state["guess"] else "C0" for k in range(10)]
    ax_bars.bar(range(10), state["probabilities"], color=colors)
    ax_bars.set_xticks(range(10))
    ax_bars.set_ylim(0, 1)
    ax_bars.set_title(f"it reads: {state['guess']} ({state['confidence']:.0%})")
    return fig


def resident_megabytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=1000)
    arguments = parser.parse_args()

    drawer = demos.draw_digit(*trained_model())
    drawer.clear()
    browser, canvas = Browser(drawer), drawer.live.canvas
    sent_at = []
    send = canvas.send_binary

    def spy(data):
        sent_at.append(time.perf_counter())
        send(data)

    canvas.send_binary = spy
    rng = np.random.default_rng(0)

    latencies, cpu_times = [], []
    for kind, x, y in strokes(rng, 200):
        if kind == "button_release":
            browser.send(kind, x, y, buttons=0)
            drawer.clear()  # a fresh pad for each stroke: the guess keeps changing
            continue
        before, start, cpu_start = len(sent_at), time.perf_counter(), time.thread_time()
        browser.send(kind, x, y)
        cpu_time = time.thread_time() - cpu_start
        assert len(sent_at) == before + 1, "every stroke update must send exactly one image"
        if kind == "motion_notify":
            latencies.append(sent_at[-1] - start)
            cpu_times.append(cpu_time)

    baseline = []
    for kind, x, y in strokes(rng, 30):
        browser.send(kind, x, y, buttons=0 if kind == "button_release" else 1)
        if kind == "motion_notify":
            start = time.perf_counter()
            figure = naive_plot(drawer)
            print_figure(figure, "png", bbox_inches="tight")
            baseline.append(time.perf_counter() - start)

    figures_before = len(plt.get_fignums())
    for kind, x, y in strokes(rng, 100):  # warm caches before measuring memory
        browser.send(kind, x, y, buttons=0 if kind == "button_release" else 1)
    memory_before = resident_megabytes()
    for kind, x, y in strokes(rng, arguments.moves):
        browser.send(kind, x, y, buttons=0 if kind == "button_release" else 1)
        if kind == "button_release":
            drawer.clear()
    growth = resident_megabytes() - memory_before
    figures_after = len(plt.get_fignums())
    drawer.close()

    median, p90 = statistics.median(latencies) * 1e3, np.percentile(latencies, 90) * 1e3
    base_median = statistics.median(baseline) * 1e3
    print("draw_digit (lesson 06): a mouse move while drawing, to the new image")
    print(f"  stroke update until image ready: median {median:5.1f} ms, p90 {p90:5.1f} ms "
          f"over {len(latencies)} moves (target: median <= {TARGET_MS:g} ms)"
          f" {'OK' if median <= TARGET_MS else 'MISSED'}")
    print(f"  CPU time of the kernel per stroke update: median "
          f"{statistics.median(cpu_times) * 1e3:5.1f} ms (what the latency is on an idle "
          f"machine; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"  naive baseline (new figure + inline PNG): median {base_median:6.1f} ms, p90 "
          f"{np.percentile(baseline, 90) * 1e3:6.1f} ms over {len(baseline)} moves -> ours is "
          f"{base_median / median:.1f}x faster (target >= {TARGET_SPEED_UP:g}x)"
          f" {'OK' if base_median / median >= TARGET_SPEED_UP else 'MISSED'}")
    print(f"  after {arguments.moves} more moves: memory {growth:+.1f} MB, open pyplot figures "
          f"{figures_before} -> {figures_after}, full redraws {drawer.live.n_full_draws}")


if __name__ == "__main__":
    main()
