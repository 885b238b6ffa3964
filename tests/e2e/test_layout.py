"""Lessons 01 and 02 at the window sizes learners use, with the file browser open.

At 1366 and 1024 px wide: no demo is clipped on the right (the live figures shrink to the
notebook's width), readouts wrap at spaces only, pressed toggle buttons look clearly unlike
unpressed ones, quiz buttons are named by their answers and replace the static list of
options, and Reset puts a demo back. Screenshots go to screenshots/ (see the README).
"""

import re

import pytest
from lab_driver import SCREENSHOTS, open_and_run_all

LESSONS = ["notebooks/01_single_neuron.ipynb", "notebooks/02_activation_functions.ipynb"]
WIDTHS = [1366, 1024]

# Every demo's own box, and what sticks out of it or of its output area on the right.
OVERFLOW = """(demo) => {
    const area = demo.closest('.jp-OutputArea-output').getBoundingClientRect();
    const sticking = [...demo.querySelectorAll('*')].filter(node => {
        const box = node.getBoundingClientRect();
        return box.width > 0 && box.right > area.right + 1;
    }).map(node => node.className.toString().slice(0, 60));
    return {sticking, scroll: demo.scrollWidth - demo.clientWidth,
            canvas: demo.querySelector('.jupyter-matplotlib-canvas-div canvas')
                        .getBoundingClientRect().width,
            area: area.width};
}"""

# Where the browser breaks the lines of a readout, at each of several widths (the readout's
# own width narrowed step by step, as narrower windows would): the characters around each
# break that is not a newline of the text itself.
LINE_BREAKS = """(pre, widths) => {
    const text = pre.firstChild;
    const range = document.createRange();
    const breaks = [];
    for (const width of widths) {
        pre.style.maxWidth = width + 'px';
        let top = null;
        for (let i = 0; i < text.length; i++) {
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            const rects = range.getClientRects();
            if (!rects.length) continue;
            const y = rects[0].top;
            if (top !== null && y > top + 2 && text.data[i - 1] !== '\\n') {
                breaks.push(text.data.slice(Math.max(0, i - 6), i) + '|'
                            + text.data.slice(i, i + 6));
            }
            top = y;
        }
    }
    pre.style.maxWidth = '';
    return breaks;
}"""

# The contrast ratio between two CSS colours (WCAG's definition).
CONTRAST = """([a, b]) => {
    const luminance = (css) => {
        const [r, g, bl] = css.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
}"""


def open_file_browser(page):
    page.evaluate("window.jupyterapp.commands.execute('filebrowser:activate')")
    page.locator("#filebrowser").wait_for(state="visible")


def demos_on_show(panel):
    return panel.locator(".jp-OutputArea-output .nn-demo")


def type_into(page, slider, value):
    slider.locator(".widget-readout").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("notebook", LESSONS)
def test_lesson_fits_and_reads_well_at_1366_and_1024_px(page, lab, notebook):
    name = notebook.rsplit("/", 1)[-1].removesuffix(".ipynb")
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    panel = open_and_run_all(page, lab, notebook)
    open_file_browser(page)
    demos = demos_on_show(panel)
    assert demos.count() >= 1
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(500)  # JupyterLab lays out again after a resize
        for i in range(demos.count()):
            demo = demos.nth(i)
            demo.scroll_into_view_if_needed()
            layout = demo.evaluate(OVERFLOW)
            assert not layout["sticking"], f"{name} demo {i + 1} at {width} px: {layout}"
            assert layout["scroll"] <= 1, f"{name} demo {i + 1} at {width} px scrolls: {layout}"
            assert layout["canvas"] > 0.6 * min(layout["area"], 560), layout
            demo.screenshot(path=SCREENSHOTS / f"{name}-demo{i + 1}-{width}px.png")
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}px.png")

    # Quiz buttons say their answers, and the static list of options above them is hidden.
    questions = panel.locator(".jp-OutputArea-output:has(.nn-quiz-live)")
    assert questions.count() >= 2
    for i in range(questions.count()):
        question = questions.nth(i)
        options = question.locator("button.widget-button")
        display, listed = question.evaluate("""(output) => {
            const options = output.closest('.jp-OutputArea-child').previousElementSibling
                .querySelector('.nn-quiz-options');
            return [getComputedStyle(options).display,
                    [...options.querySelectorAll('li')].map(li => li.textContent)];
        }""")
        # Each button is named by its whole option ("A. It multiplies ..."), which shows
        # once: the static list above it is hidden where the buttons are live.
        assert [text.strip() for text in options.all_inner_texts()] == listed
        assert display == "none", f"question {i + 1}: the static options show too"
        question.get_by_role("button", name=re.compile(r"^B\. ")).click()
        feedback = question.locator(".widget-html").last
        page.wait_for_function("(f) => f.textContent.startsWith('B:')",
                               arg=feedback.element_handle())


def test_readouts_wrap_at_spaces_toggles_show_their_state_and_reset_works(page, lab):
    page.set_viewport_size({"width": 1024, "height": 800})
    panel = open_and_run_all(page, lab, LESSONS[1])
    open_file_browser(page)
    page.wait_for_timeout(500)
    activation, two_inputs = demos_on_show(panel).nth(0), demos_on_show(panel).nth(1)

    # Pressed toggles (sigmoid, ReLU) against an unpressed one (tanh).
    activation.scroll_into_view_if_needed()
    pressed = activation.get_by_role("button", name=re.compile("sigmoid")).first
    unpressed = activation.get_by_role("button", name=re.compile("tanh")).first
    looks = [button.evaluate("""(b) => {
        const style = getComputedStyle(b);
        return [style.backgroundColor, style.color, getComputedStyle(b, '::before').content];
    }""") for button in (pressed, unpressed)]
    assert page.evaluate(CONTRAST, [looks[0][0], looks[1][0]]) >= 2.5, looks
    assert page.evaluate(CONTRAST, [looks[0][0], looks[0][1]]) >= 4.5, looks  # readable text
    assert "✓" in looks[0][2] and "✓" not in looks[1][2], looks
    activation.screenshot(path=SCREENSHOTS / "02_activation_functions-toggles-1024px.png")

    # Both weights 0: the readout is one long sentence, which must wrap at spaces only.
    two_inputs.scroll_into_view_if_needed()
    sliders = two_inputs.locator(".widget-slider")
    before = two_inputs.locator("pre").inner_text()
    for j in (0, 1):
        type_into(page, sliders.nth(j), "0")
    page.wait_for_function("(d) => d.querySelector('pre').textContent.startsWith('w₁ = w₂ = 0')",
                           arg=two_inputs.element_handle())
    widths = list(range(300, 600, 11))
    breaks = two_inputs.locator("pre").evaluate(LINE_BREAKS, widths)
    assert len(breaks) >= len(widths), "every one of these widths should wrap the readout"
    assert all(re.search(r"\s\|", where) for where in breaks), breaks
    two_inputs.screenshot(path=SCREENSHOTS / "02_activation_functions-readout-1024px.png")

    # Reset puts the sliders, and so the readout, back.
    two_inputs.get_by_role("button", name="Reset").click()
    page.wait_for_function("([d, text]) => d.querySelector('pre').textContent === text",
                           arg=[two_inputs.element_handle(), before])
