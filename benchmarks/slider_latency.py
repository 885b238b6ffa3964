"""Time from a slider's value change to the new image being ready for the browser, per demo.

Each demo is driven in-kernel, as ipywidgets drives it when a learner moves a slider: the
slider's value is set, the demo's callback runs, and ipympl hands a PNG (a diff against the
previous frame) to `send_binary`, which would put it on the wire. The time to that call is
the latency measured here.

The baseline, in the same run and on the same plot, is the naive demo: `interact` with
`%matplotlib inline`, which builds a new figure on every move and renders it to PNG as the
inline backend does (`print_figure(..., bbox_inches="tight")`).

Also printed: memory growth (resident set) and the open-figure count after 1,000 random
moves of each demo. Targets: median <= 15 ms, >= 8x faster than the baseline, < 5 MB growth,
a constant figure count.

The symmetry demo (lesson 04) trains lazily: the plain measurement above trains everything a
move needs before its image (no event loop in a script); a second measurement runs it as in
a kernel, where a long catch-up is split into chunks between messages, and prints the time to
the first image and to the fully trained one.

    python benchmarks/slider_latency.py [--moves N] [--only NAME]
"""

import argparse
import asyncio
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from IPython.core.pylabtools import print_figure

from neuron_lib import Dense, Network, demos, plots, relu, sigmoid
from neuron_lib.activations import ACTIVATIONS
from neuron_lib.style import ACTIVATION_COLORS

DEMOS = {
    "neuron_explorer (lesson 01)": lambda: demos.neuron_explorer(rng=0),
    "activation_explorer (lesson 02)": lambda: demos.activation_explorer(),
    "activation_explorer, 4 curves + slopes": lambda: demos.activation_explorer(
        list(ACTIVATIONS), show_derivatives=True, layout="side by side"),
    "two_input_explorer (lesson 02)": lambda: demos.two_input_explorer(),
    "gradient_descent_explorer (lesson 03)": lambda: demos.gradient_descent_explorer(),
    "training_explorer (lesson 03), trains once per learning rate": lambda: demos.training_explorer(),
    "network_builder (lesson 04), XOR, 2 hidden neurons": lambda: demos.network_builder(),
    "network_builder (lesson 04), circles, 4 hidden neurons": lambda: demos.network_builder(
        "circles"),
    "symmetry_explorer (lesson 04), training cached per epoch": lambda: demos.symmetry_explorer(),
}


def naive_neuron_plot(demo):
    """What an `interact` callback would do for the neuron explorer: a new figure per move."""
    state = demo.state()
    fig, (ax_sigmoid, ax_relu) = plt.subplots(1, 2, figsize=(7.6, 2.9), layout="constrained")
    plots.draw_activation(ax_sigmoid, "sigmoid", demo.z_max, show_verdict=True)
    plots.draw_activation(ax_relu, "relu", demo.z_max)
    for ax, y in ((ax_sigmoid, state["spam_probability"]), (ax_relu, state["relu"])):
        marker = plots.draw_marker(ax, "C0")
        plots.update_marker(marker, state["z"], y, f"{y:.2f}")
    return fig


def naive_activation_plot(demo):
    names = demo.selected()
    side_by_side = demo.layout_toggle.value == "side by side"
    fig, axes = plt.subplots(1, len(names) if side_by_side else 1, figsize=(7.6, 3.0),
                             layout="constrained", squeeze=False)
    z = demo.w_slider.value * demo.x + demo.b_slider.value
    for i, name in enumerate(names):
        ax = axes[0][i if side_by_side else 0]
        activation = ACTIVATIONS[name]
        ax.plot(demo.x, activation.function(z), color=ACTIVATION_COLORS[name], label=name)
        if demo.derivative_checkbox.value:
            ax.plot(demo.x, activation.derivative(z), "--", color=ACTIVATION_COLORS[name])
        ax.set_xlim(-demo.x_limit, demo.x_limit)
        ax.grid(alpha=0.3)
    return fig


def naive_two_input_plot(demo):
    z = demo._weighted_sums()
    fig, (ax_sigmoid, ax_relu) = plt.subplots(1, 2, figsize=(7.4, 3.0), dpi=80,
                                              layout="constrained")
    for ax, values, vmax, cmap in ((ax_sigmoid, sigmoid(z), 1.0, "RdBu_r"),
                                   (ax_relu, relu(z), 6.0, "viridis")):
        image = plots.draw_heatmap(ax, demo.limit, vmin=0.0, vmax=vmax, cmap=cmap,
                                   n_points=demo.n_points)
        plots.update_heatmap(image, values)
        plots.update_boundary(plots.draw_boundary(ax), demo.w1_slider.value,
                              demo.w2_slider.value, demo.b_slider.value, demo.limit)
    return fig


def naive_gradient_descent_plot(demo):
    from neuron_lib.training import binary_cross_entropy

    state = demo.state()
    grid = np.linspace(*demo.w_range, 161)
    losses = [binary_cross_entropy(demo.y, sigmoid(w * demo.x)) for w in grid]
    fig, ax = plt.subplots(figsize=(7.4, 3.0), dpi=80, layout="constrained")
    ax.plot(grid, losses)
    ax.plot([state["w"]], [state["loss"]], "o")
    ax.plot([state["next_w"]], [state["next_loss"]], "o")
    return fig


def naive_training_plot(demo):
    """Trains again for the epochs asked, then draws everything anew (no cache either)."""
    history, path = demo._train(demo.epochs_slider.value)
    weights, bias = path[-1]
    fig, axes = plt.subplots(1, 3, figsize=(9.6, 3.0), dpi=80, layout="constrained")
    axes[0].scatter(*demo.X[:500].T, s=9, c=demo.y[:500])
    plots.update_boundary(plots.draw_boundary(axes[0]), *weights, bias, demo.limit)
    axes[1].plot(history.loss)
    axes[2].plot(history.accuracy)
    return fig


def naive_builder_plot(demo):
    """The builder's whole picture drawn anew in a new figure per move, as an `interact`
    callback would: both heat maps, the contour of the boundary, the hidden lines and
    names, the hidden view, the legend and the bars of the parameters."""
    from neuron_lib.demos.lesson04_drawing import (
        draw_data,
        draw_hidden_line,
        draw_probability_map,
        grid_points,
        update_hidden_line,
    )

    W1, b1, W2, b2 = demo.parameters()
    k = len(b1)
    network = Network([Dense(2, k, demo.activation_toggle.value, init=(W1, b1)),
                       Dense(k, 1, "sigmoid", init=(W2, b2))])
    fig = plt.figure(figsize=(8.4, 4.1), dpi=80, layout="constrained")
    ax_input, ax_hidden = fig.subplots(1, 2)
    xs, ys, points = grid_points(demo.box, demo.n_grid)
    probability = network.predict_proba(points).reshape(len(ys), len(xs))
    draw_probability_map(ax_input, demo.box, demo.n_grid).set_data(probability)
    ax_input.contour(xs, ys, probability, levels=[0.5], colors="black")
    draw_data(ax_input, demo.X, demo.y)
    for j in range(k):
        update_hidden_line(*draw_hidden_line(ax_input, j), W1[0, j], W1[1, j], b1[j],
                           demo.box)
    hidden = network.hidden_activations(demo.X)[0]
    draw_data(ax_hidden, hidden[:, :2], demo.y)
    if k == 2:
        box = demo._hidden_box
        _, _, hidden_points = grid_points(box, demo.n_hidden_grid)
        draw_probability_map(ax_hidden, box, demo.n_hidden_grid).set_data(
            network.output_layer.forward(hidden_points).reshape(demo.n_hidden_grid, -1))
    fig.legend(loc="outside lower center", ncols=3)
    strip = fig.add_axes((0.1, 0.04, 0.85, 0.1))
    strip.bar(np.arange(4 * k + 1), np.concatenate([W1.ravel(), b1, W2[:, 0], b2]))
    return fig


def naive_symmetry_plot(demo):
    """Trains the four networks again up to the epoch asked (no cache), then draws
    everything anew: what an `interact` callback would do."""
    from neuron_lib.demos.lesson04_symmetry import STARTS
    from neuron_lib.training import train

    epoch = demo.epoch_slider.value
    fig, axes = plt.subplots(2, 3, figsize=(8.4, 4.7), dpi=80, layout="constrained")
    grid = np.linspace(-2, 2, demo.n_grid)
    x1, x2 = np.meshgrid(grid, grid)
    for index, (_letter, (_name, init)) in enumerate(STARTS.items()):
        network = Network([2, 4, 1], activations=["tanh", "sigmoid"], init=init, rng=0)
        history = train(network, demo.X, demo.y, lr=demo.lr, epochs=epoch) if epoch else None
        ax = axes[index // 2, index % 2]
        probability = network.predict_proba(np.column_stack([x1.ravel(), x2.ravel()]))
        ax.imshow(probability.reshape(x1.shape), extent=(-2, 2, -2, 2), origin="lower")
        ax.scatter(*demo.X.T, c=demo.y, s=4)
        hidden = network.layers[0]
        for j in range(4):
            ax.plot(*plots.boundary_points(*hidden.weights[:, j], hidden.bias[j], 2.0))
        if history is not None:
            axes[0, 2].plot(history.loss)
            axes[1, 2].plot(history.accuracy)
    return fig


NAIVE = {
    "neuron_explorer (lesson 01)": naive_neuron_plot,
    "activation_explorer (lesson 02)": naive_activation_plot,
    "activation_explorer, 4 curves + slopes": naive_activation_plot,
    "two_input_explorer (lesson 02)": naive_two_input_plot,
    "gradient_descent_explorer (lesson 03)": naive_gradient_descent_plot,
    "training_explorer (lesson 03), trains once per learning rate": naive_training_plot,
    "network_builder (lesson 04), XOR, 2 hidden neurons": naive_builder_plot,
    "network_builder (lesson 04), circles, 4 hidden neurons": naive_builder_plot,
    "symmetry_explorer (lesson 04), training cached per epoch": naive_symmetry_plot,
}


def resident_megabytes():
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 2**20


def random_moves(demo, rng, n_moves):
    """Yield after each of n_moves random slider moves, with the time the move started."""
    sliders = demo.sliders()
    for _ in range(n_moves):
        slider = sliders[rng.integers(len(sliders))]
        value = float(np.round(rng.uniform(slider.min, slider.max), 2))
        if value == slider.value:
            value = slider.min if value != slider.min else slider.max
        start = time.perf_counter()
        slider.value = value
        yield start


def measure(name, n_moves):
    demo = DEMOS[name]()
    canvas = demo.live.canvas
    sent_at = []
    send = canvas.send_binary

    def spy(data):
        sent_at.append(time.perf_counter())
        send(data)

    canvas.send_binary = spy
    rng = np.random.default_rng(0)

    latencies = []
    for start in random_moves(demo, rng, 100):
        latencies.append(sent_at[-1] - start)
    assert len(sent_at) == 100, "every move must send exactly one image"

    baseline = []
    for _ in random_moves(demo, rng, 20):
        start = time.perf_counter()
        figure = NAIVE[name](demo)
        print_figure(figure, "png", bbox_inches="tight")
        plt.close(figure)
        baseline.append(time.perf_counter() - start)

    figures_before = len(plt.get_fignums())
    for _ in random_moves(demo, rng, 50):  # warm caches before measuring memory
        pass
    memory_before = resident_megabytes()
    for _ in random_moves(demo, rng, n_moves):
        pass
    growth = resident_megabytes() - memory_before
    figures_after = len(plt.get_fignums())
    demo.close()

    median, p90 = statistics.median(latencies), np.percentile(latencies, 90)
    base_median = statistics.median(baseline)
    print(f"{name}")
    print(f"  update until image ready: median {median * 1e3:5.1f} ms, p90 {p90 * 1e3:5.1f} ms "
          f"over {len(latencies)} moves (target: median <= 15 ms)")
    print(f"  naive baseline (new figure + inline PNG): median {base_median * 1e3:6.1f} ms, "
          f"p90 {np.percentile(baseline, 90) * 1e3:6.1f} ms -> ours is "
          f"{base_median / median:.1f}x faster (target >= 8x)")
    print(f"  after {n_moves} random moves: memory {growth:+.1f} MB (target < 5 MB), open "
          f"pyplot figures {figures_before} -> {figures_after}, full redraws "
          f"{demo.live.n_full_draws}")


def measure_in_a_kernel_loop(name, n_moves=100):
    """The symmetry demo as it runs in a kernel: with an event loop, a move that needs much
    training shows a first frame at once and trains the rest in chunks between messages.
    Prints the time to that first frame per kind of slider, and how long the rest takes."""
    demo = DEMOS[name]()
    canvas = demo.live.canvas
    sent_at = []
    send = canvas.send_binary
    canvas.send_binary = lambda data: (sent_at.append(time.perf_counter()), send(data))

    async def moves():
        rng = np.random.default_rng(1)
        first_frame = {slider.description: [] for slider in demo.sliders()}
        caught_up = []
        for _ in range(n_moves):
            sliders = demo.sliders()
            slider = sliders[rng.integers(len(sliders))]
            value = float(np.round(rng.uniform(slider.min, slider.max), 3))
            if value == slider.value:
                value = slider.min if value != slider.min else slider.max
            start = time.perf_counter()
            slider.value = value
            first_frame[slider.description].append(sent_at[-1] - start)
            while any(run["epoch"] < demo.epoch_slider.value
                      for run in demo.state()["runs"].values()):
                await asyncio.sleep(0.005)
            caught_up.append(time.perf_counter() - start)
            await asyncio.sleep(0.02)  # a learner's pace: the next move comes later
        return first_frame, caught_up

    first_frame, caught_up = asyncio.run(moves())
    demo.close()
    every = [t for times in first_frame.values() for t in times]
    print(f"{name}, in a kernel's event loop (training in chunks between messages)")
    print(f"  move until first new image: median {statistics.median(every) * 1e3:5.1f} ms, "
          f"p90 {np.percentile(every, 90) * 1e3:5.1f} ms over {len(every)} moves "
          "(target: median <= 15 ms)")
    for slider_name, times in first_frame.items():
        if times:
            print(f"    {slider_name}: median {statistics.median(times) * 1e3:5.1f} ms over "
                  f"{len(times)} moves")
    print(f"  move until every start has trained to the epoch shown: median "
          f"{statistics.median(caught_up) * 1e3:6.1f} ms, p90 "
          f"{np.percentile(caught_up, 90) * 1e3:6.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=1000)
    parser.add_argument("--only", default="", help="measure only demos whose name has this")
    arguments = parser.parse_args()
    for name in DEMOS:
        if arguments.only in name:
            measure(name, arguments.moves)
            if name.startswith("symmetry_explorer"):
                measure_in_a_kernel_loop(name)


if __name__ == "__main__":
    main()
