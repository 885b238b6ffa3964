"""Lesson 05's live training demo: how often a frame comes while it trains, and how soon a
control moved mid-training shows, against a naive re-plot per epoch, in the same run.

The demo (``demos.train_it_live()``) plays on an asyncio event loop, as in a Jupyter kernel:
each frame trains a few epochs, draws, hands a PNG to ipympl's ``send_binary`` (where it
would go on the wire), and sleeps until the next frame, when the loop handles whatever
arrived meanwhile. A control change is simulated as a widget message arriving at a random
moment (``loop.call_later``): it runs as soon as the loop is free, that is after the frame
being drawn, and its latency is the time from its arrival to the first frame sent after it.

The baseline is what a learner would write first: a loop in a cell that trains one epoch,
then draws a new figure of the same three panels and renders it as the inline backend does
(``print_figure``), epoch after epoch, for 300 epochs. The kernel is busy for the whole loop,
so a control moved during it waits until the loop ends.

Targets: a frame at least every 100 ms while training; a control change shown within 150 ms.

    python benchmarks/training_demo_latency.py [--seconds S] [--changes N]
"""

import argparse
import asyncio
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from IPython.core.pylabtools import print_figure

from neuron_lib import demos, plots
from neuron_lib.training import train

NAIVE_RUN_EPOCHS = 300  # a learner's first loop: train and re-plot, epoch after epoch


def percentile(values, q):
    return float(np.percentile(values, q))


def summary(values_ms):
    return (f"median {statistics.median(values_ms):6.1f} ms, p90 {percentile(values_ms, 90):6.1f}"
            f" ms, max {max(values_ms):6.1f} ms")


async def play_and_move_controls(demo, seconds, n_changes, rng):
    """Play for `seconds`; move a control at `n_changes` random moments. Return the frame
    times and, per change, (arrival time, control, time of the first frame after it)."""
    sent = []
    send = demo.live.canvas.send_binary

    def spy(data):
        sent.append(time.perf_counter())
        send(data)

    demo.live.canvas.send_binary = spy
    trained = [0]
    train_more = demo._train

    def counting(epochs):  # epochs trained in all (a restart sets the demo's count to 0)
        before = demo.epoch
        train_more(epochs)
        trained[0] += demo.epoch - before

    demo._train = counting
    frame_starts = []
    epochs_this_frame = demo._epochs_this_frame

    def frame_start():  # the play loop asks this first thing in every frame
        frame_starts.append(time.perf_counter())
        return epochs_this_frame()

    demo._epochs_this_frame = frame_start
    loop = asyncio.get_running_loop()
    changes = []
    moves = [("η", demo.lr_slider, lambda: float(np.round(rng.uniform(0.05, 2.0), 2))),
             ("hidden neurons", demo.hidden_slider, lambda: int(rng.integers(2, 12))),
             ("epochs per frame", demo.speed_slider, lambda: int(rng.integers(5, 40))),
             ("activation", demo.activation_dropdown,
              lambda: str(rng.choice(["tanh", "relu", "sigmoid", "leaky_relu"])))]

    def move(arrived, name, control, value):
        if control.value == value:
            return
        changes.append((arrived, name, len(sent)))
        control.value = value

    demo.play()
    start = time.perf_counter()
    for moment in np.sort(rng.uniform(0.5, seconds - 0.5, n_changes)):
        name, control, draw = moves[rng.integers(len(moves))]
        arrival = start + moment
        loop.call_later(moment, move, arrival, name, control, draw())
    await asyncio.sleep(seconds)
    demo.pause()
    await asyncio.sleep(0.2)
    frames = [t for t in sent if t <= start + seconds]
    latencies = [(name, sent[index] - arrived) for arrived, name, index in changes
                 if index < len(sent)]
    busy = [next((t for t in sent if t >= start_at), start_at) - start_at
            for start_at in frame_starts]
    return frames, latencies, trained[0], busy


def naive_frame(demo, network, losses):
    """One epoch of training, then a new figure of the three panels, rendered to PNG."""
    history = train(network, demo.X, demo.y, loss="binary_cross_entropy", lr=0.5, epochs=1)
    losses.append(history.loss[-1])
    fig, (ax_data, ax_hidden, ax_loss) = plt.subplots(1, 3, figsize=(9.6, 3.2), dpi=80,
                                                      layout="constrained")
    grid = np.linspace(-demo.limit, demo.limit, demo.grid_size)
    gx, gy = np.meshgrid(grid, grid)
    probabilities = network.predict_proba(np.column_stack([gx.ravel(), gy.ravel()]))
    ax_data.contourf(gx, gy, probabilities.reshape(gx.shape), levels=20, cmap="RdBu_r")
    ax_data.contour(gx, gy, probabilities.reshape(gx.shape), levels=[0.5], colors="black")
    for axes in (ax_data, ax_hidden):
        axes.scatter(*demo.X.T, c=demo.y, s=10)
    hidden = network.layers[0]
    for j in range(hidden.n_outputs):
        plots.update_boundary(plots.draw_boundary(ax_hidden), *hidden.weights[:, j],
                              hidden.bias[j], demo.limit)
    ax_loss.plot(losses)
    print_figure(fig, "png", bbox_inches="tight")
    plt.close(fig)


def measure_naive(demo, epochs):
    network = demo.network
    network.reset(demo.seed)
    losses, times = [], []
    for _ in range(epochs):
        start = time.perf_counter()
        naive_frame(demo, network, losses)
        times.append(time.perf_counter() - start)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="how long the demo plays (default 10)")
    parser.add_argument("--changes", type=int, default=30,
                        help="controls moved at random moments while it plays (default 30)")
    parser.add_argument("--naive-epochs", type=int, default=30,
                        help="epochs of the naive loop to time (default 30)")
    arguments = parser.parse_args()
    rng = np.random.default_rng(0)

    demo = demos.train_it_live()  # an ipympl canvas, as in JupyterLab (no browser attached)
    frames, latencies, epochs, busy = asyncio.run(
        play_and_move_controls(demo, arguments.seconds, arguments.changes, rng))
    intervals = np.diff(frames) * 1e3
    print("train_it_live (lesson 05), playing with the defaults and controls moved at random:")
    print(f"  {len(frames)} frames in {arguments.seconds:g} s ({epochs} epochs trained): "
          f"interval {summary(intervals)} (target: a frame at least every 100 ms)")
    print(f"  the kernel is busy for {summary(np.array(busy) * 1e3)} of each frame (training, "
          "drawing, encoding); the rest of the frame it is free for messages")
    by_control = {}
    for name, seconds in latencies:
        by_control.setdefault(name, []).append(seconds * 1e3)
    all_ms = [ms for values in by_control.values() for ms in values]
    print(f"  control moved -> frame showing it: {summary(all_ms)} over {len(all_ms)} moves "
          "(target: within 150 ms)")
    for name, values in sorted(by_control.items()):
        print(f"    {name:17} {len(values):2} moves: {summary(values)}")
    demo.close()

    naive_demo = demos.train_it_live(interactive=False)
    times = np.array(measure_naive(naive_demo, arguments.naive_epochs)) * 1e3
    run_seconds = float(np.median(times)) * NAIVE_RUN_EPOCHS / 1e3
    print(f"naive loop (train 1 epoch, new figure, inline PNG), {arguments.naive_epochs} epochs "
          "timed:")
    print(f"  a frame every {summary(times)}: "
          f"{statistics.median(times) / statistics.median(intervals):.0f}x the demo's interval")
    print(f"  a {NAIVE_RUN_EPOCHS}-epoch run takes {run_seconds:.0f} s and keeps the kernel busy: "
          f"a control moved during it waits until it ends, {run_seconds / 2:.0f} s on average, "
          f"up to {run_seconds:.0f} s")
    naive_demo.close()
    load, cores = os.getloadavg()[0], os.cpu_count()
    print(f"(machine load while measuring: {load:.1f} on {cores} cores; figures scale with it)")


if __name__ == "__main__":
    main()
