"""Key press to changed plot, in a real browser: our demo against the naive baseline.

Starts JupyterLab and Debian's Chromium as the browser tests do (tests/e2e/lab_driver.py),
then, in one notebook and one browser session:
- the naive demo: `ipywidgets.interact` with `%matplotlib inline`, drawing the lesson-01 plot
  (sigmoid and ReLU over z, the current z marked) into a new figure on every move; the time
  is taken until the output's <img> shows the new picture;
- our `demos.neuron_explorer()`: the same plot, updated in place (ipympl, blitting); the time
  is taken until the canvas pixels change.
Each is moved 25 times by a key press on its bias slider (End / Home alternately), and the
median and p90 are printed with the ratio. Target: ours at most 80 ms median and at least
1.8x faster than the baseline.

    python benchmarks/browser_latency.py
"""

import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from lab_driver import (
    CANVAS_HASH,
    CHROMIUM,
    CHROMIUM_FLAGS,
    RECORD_KEY_TIMES,
    WAIT_FOR_NEW_PIXELS,
    Lab,
    open_and_run_all,
)

NAIVE = '''%matplotlib inline
import matplotlib.pyplot as plt
import ipywidgets as widgets
from neuron_lib import plots, relu, sigmoid

def naive_plot(bias):
    z = 0.5 * (0.27 - 0.46 - 0.92) + bias
    fig, (ax_sigmoid, ax_relu) = plt.subplots(1, 2, figsize=(7.6, 2.9), layout="constrained")
    plots.draw_activation(ax_sigmoid, "sigmoid", 12, show_verdict=True)
    plots.draw_activation(ax_relu, "relu", 12)
    for ax, y in ((ax_sigmoid, sigmoid(z)), (ax_relu, relu(z))):
        plots.update_marker(plots.draw_marker(ax, "C0"), z, y, f"{y:.2f}")
    plt.show()

widgets.interact(naive_plot, bias=widgets.FloatSlider(value=0.0, min=-3, max=3, step=0.01))'''

OURS = '''from neuron_lib import demos
demos.neuron_explorer(rng=0)'''

IMAGE_CHANGED = """([output, before]) => new Promise((resolve, reject) => {
    const start = performance.now();
    const tick = () => {
        const image = output.querySelector('img');
        if (image && image.src !== before && image.complete && image.naturalWidth > 0)
            resolve(performance.now() - window.__lastKeyDown);
        else if (performance.now() - start > 10000) reject(new Error('no change'));
        else requestAnimationFrame(tick);
    };
    tick();
})"""


def notebook_with(*sources):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Browser latency"}]
    cells += [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
               "source": source} for source in sources]
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3",
                                                        "display_name": "Python 3"}},
            "nbformat": 4, "nbformat_minor": 5}


def timed_moves(page, handle, wait, n_moves=25):
    times = []
    handle.focus()
    for i in range(n_moves + 3):
        before, changed = wait()
        handle.press("End" if i % 2 == 0 else "Home")
        times.append(changed(before))
    return times[3:]  # the first moves warm up caches


def main():
    from playwright.sync_api import sync_playwright

    lab = Lab(ROOT)
    try:
        path = Path(tempfile.mkdtemp(dir=lab.root / "notebooks")) / "latency.ipynb"
        path.write_text(json.dumps(notebook_with(NAIVE, OURS)))
        notebook = path.relative_to(lab.root).as_posix()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            panel = open_and_run_all(page, lab, notebook)
            page.evaluate(RECORD_KEY_TIMES)
            cells = panel.locator(".jp-CodeCell")

            naive_output = cells.nth(0).locator(".jp-OutputArea-output:has(.widget-slider)")
            naive_output.locator("img").wait_for()
            naive_handle = naive_output.locator(".noUi-handle")

            def naive_wait():
                src = naive_output.locator("img").get_attribute("src")
                return src, lambda before: page.evaluate(
                    IMAGE_CHANGED, [naive_output.element_handle(), before])

            ours_output = cells.nth(1).locator(
                ".jp-OutputArea-output:has(.jupyter-matplotlib-canvas-div)")
            canvas = ours_output.locator(".jupyter-matplotlib-canvas-div canvas").first
            canvas.wait_for()
            ours_handle = ours_output.locator(".widget-slider").last.locator(".noUi-handle")

            def ours_wait():
                return canvas.evaluate(CANVAS_HASH), lambda before: page.evaluate(
                    WAIT_FOR_NEW_PIXELS, [canvas.element_handle(), before])

            naive = timed_moves(page, naive_handle, naive_wait)
            ours = timed_moves(page, ours_handle, ours_wait)
            browser.close()
    finally:
        lab.stop()

    def summary(times):
        return (f"median {statistics.median(times):5.0f} ms, p90 "
                f"{statistics.quantiles(times, n=10)[-1]:5.0f} ms over {len(times)} moves")

    print(f"naive baseline (interact + %matplotlib inline): {summary(naive)}")
    print(f"neuron_explorer (ipympl, blitting):           {summary(ours)}")
    print(f"ours is {statistics.median(naive) / statistics.median(ours):.1f}x faster "
          "(target >= 1.8x; ours <= 80 ms median)")


if __name__ == "__main__":
    main()
