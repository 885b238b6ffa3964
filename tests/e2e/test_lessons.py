"""Every lesson in a real JupyterLab: Run All, move every slider, click the quizzes, present it.

After the notebook view, each lesson is presented live in deck mode (deck.py): every slide
shown, each demo moved on its slide. The solutions notebooks hold no widgets, so they are left
to nbval, which runs them in a kernel and compares every output.

Screenshots of each lesson before and after its sliders move are saved to screenshots/
(see the README). The key-press-to-new-plot latency of each demo is printed.
"""

import json
import re
import statistics

import pytest
from deck import present_live
from lab_driver import (
    CANVAS_HASH,
    NOTEBOOKS,
    RECORD_KEY_TIMES,
    ROOT,
    SCREENSHOTS,
    WAIT_FOR_NEW_PIXELS,
    open_and_run_all,
)


def demo_outputs(panel):
    """The output areas that hold a live demo: sliders and an ipympl canvas."""
    return panel.locator(".jp-OutputArea-output:has(.jupyter-matplotlib-canvas-div)")


def readout_text(demo):
    return demo.locator(".widget-html").all_inner_texts()


def figure_canvas(demo):
    return demo.locator(".jupyter-matplotlib-canvas-div canvas").first


def canvas_hash(demo):
    return figure_canvas(demo).evaluate(CANVAS_HASH)


def press_and_wait(page, demo, handle, key):
    """Press a key on a slider handle; return ms until the plot's pixels changed."""
    before = canvas_hash(demo)
    handle.press(key)
    return page.evaluate(WAIT_FOR_NEW_PIXELS, [figure_canvas(demo).element_handle(), before])


def expected_widgets(notebook):
    """How many demos and quiz questions the notebook's code cells show."""
    cells = json.loads((ROOT / notebook).read_text())["cells"]
    code = [("".join(cell["source"])) for cell in cells if cell["cell_type"] == "code"]
    return (sum(bool(re.match(r"demos\.\w+\(", source.strip())) for source in code),
            sum(bool(re.match(r"quiz\.\w+\(", source.strip())) for source in code))


LESSONS = [notebook for notebook in NOTEBOOKS if not notebook.startswith("notebooks/solutions/")]


@pytest.mark.parametrize("notebook", LESSONS)
def test_lesson_runs_and_every_slider_and_quiz_answers(page, lab, notebook, capsys):
    name = notebook.rsplit("/", 1)[-1].removesuffix(".ipynb")
    panel = open_and_run_all(page, lab, notebook)
    page.evaluate(RECORD_KEY_TIMES)

    text = panel.inner_text()
    # What JupyterLab puts in place of a widget it cannot draw (the doctor may quote it).
    assert not panel.locator(".jp-OutputArea-output").evaluate_all(
        "nodes => nodes.filter(n => n.textContent.trim().startsWith('Error displaying widget'))"
        ".length")
    assert "Traceback" not in text
    # The text a widget output falls back to where the widget extensions are missing.
    assert "appears here when the notebook runs" not in text
    assert panel.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    if "neuron_lib.doctor()" in (ROOT / notebook).read_text():
        # The doctor asks this very JupyterLab which widget extensions it serves.
        assert "All good: the widget front end matches the kernel." in text
        assert "Extensions as the running JupyterLab reports them." in text

    demos = demo_outputs(panel)
    n_demos, n_questions = expected_widgets(notebook)
    assert demos.count() == n_demos, f"{demos.count()} live demos shown, {n_demos} expected"
    for i in range(demos.count()):
        demo = demos.nth(i)
        demo.scroll_into_view_if_needed()
        canvas = figure_canvas(demo)
        canvas.wait_for()
        box = canvas.bounding_box()
        assert box["width"] > 200 and box["height"] > 100, f"demo {i}: canvas is {box}"
        page.wait_for_function("(c) => c.width > 0 && c.getContext('2d')"
                               ".getImageData(0, 0, c.width, c.height).data.some(v => v)",
                               arg=canvas.element_handle())
    # Once the live figures show, the stills (for pages without a kernel) fold away.
    page.wait_for_function("""() => ![...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img.nn-demo-still')]
        .some(image => !image.closest('details:not([open])'))""")
    assert panel.locator("img.nn-demo-still").count() == n_demos  # one still per demo
    for i in range(demos.count()):
        demos.nth(i).screenshot(path=SCREENSHOTS / f"{name}-demo{i + 1}-before.png")

    latencies = {}
    for i in range(demos.count()):
        demo = demos.nth(i)
        demo.scroll_into_view_if_needed()
        sliders = demo.locator(".widget-slider")
        assert sliders.count() >= 2, f"demo {i} shows {sliders.count()} sliders"
        for j in range(sliders.count()):
            slider = sliders.nth(j)
            label = slider.locator(".widget-label").inner_text()
            handle = slider.locator(".noUi-handle")
            assert handle.is_visible(), label
            readout_before, pixels_before = readout_text(demo), canvas_hash(demo)
            handle.focus()
            handle.press("End")
            handle.press("Home")
            for _ in range(3):
                handle.press("ArrowRight")
            page.wait_for_function(
                "([c, h]) => (" + CANVAS_HASH + ")(c) !== h",
                arg=[figure_canvas(demo).element_handle(), pixels_before])
            # The readout of a frame is rendered at once, its picture once decoded: when the
            # kernel lags behind the key presses, "before" can hold one frame's readout and
            # the previous frame's picture. So wait (up to 10 s) for the readout as well.
            for _ in range(200):
                if readout_text(demo) != readout_before:
                    break
                page.wait_for_timeout(50)
            assert readout_text(demo) != readout_before, f"{label}: readout did not change"
        # Typing into each slider's readout box moves it too.
        for j in range(sliders.count()):
            slider = sliders.nth(j)
            handle = slider.locator(".noUi-handle")
            low, high = (float(handle.get_attribute(f"aria-value{end}")) for end in ("min", "max"))
            box = slider.locator(".widget-readout")
            whole = "." not in box.inner_text()  # an IntSlider's readout
            value = low + 0.37 * (high - low)
            typed = str(round(value)) if whole else f"{value:.1f}"  # on every slider's step
            pixels_before = canvas_hash(demo)
            box.click()
            page.keyboard.press("Control+A")
            page.keyboard.type(typed)
            page.keyboard.press("Enter")
            page.wait_for_function("([c, h]) => (" + CANVAS_HASH + ")(c) !== h",
                                   arg=[figure_canvas(demo).element_handle(), pixels_before])
            assert float(box.inner_text().replace("\u2212", "-")) == float(typed)

        # Latency: alternate the last slider (the bias) between its two ends.
        handle = sliders.nth(sliders.count() - 1).locator(".noUi-handle")
        handle.focus()
        times = [press_and_wait(page, demo, handle, key) for key in ["End", "Home"] * 11]
        latencies[i] = times[2:]  # the first moves warm up caches on both sides

    for i in range(demos.count()):
        demos.nth(i).screenshot(path=SCREENSHOTS / f"{name}-demo{i + 1}-after.png")

    questions = panel.locator(".jp-OutputArea-output:has(.nn-quiz-live)")
    assert questions.count() == n_questions, f"{questions.count()} quizzes, {n_questions} expected"
    for i in range(questions.count()):
        question = questions.nth(i)
        feedback = question.locator(".widget-html").last
        for letter in "AB":
            # Each button is named by its whole answer, "A. It multiplies ...".
            question.get_by_role("button", name=re.compile(rf"^{letter}\. \S")).click()
            page.wait_for_function(
                "([f, letter]) => f.textContent.startsWith(letter + ':')",
                arg=[feedback.element_handle(), letter])
            assert re.match(rf"{letter}: [✔✘] (Right|Not quite)\.", feedback.inner_text())

    page.screenshot(path=SCREENSHOTS / f"{name}-end.png")
    assert not page.errors, page.errors
    if not name.startswith("00_"):  # the course map is read, not presented
        present_live(page, panel, name)
        assert not page.errors, page.errors
    with capsys.disabled():
        for i, times in latencies.items():
            print(f"\n{name} demo {i + 1}: key press to changed plot: median "
                  f"{statistics.median(times):.0f} ms, p90 "
                  f"{statistics.quantiles(times, n=10)[-1]:.0f} ms over {len(times)} moves")
