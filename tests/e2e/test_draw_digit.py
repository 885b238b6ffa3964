"""Lesson 06 in a real JupyterLab: draw a digit with the mouse and watch the network read it.

After Run All, the drawing demo's pad is cleared with its button, then a "1" is drawn with
Chromium's mouse (press, drag, release) on the pad: the picture, the ten bars and the guess
in the readout must change, and the network must read the stroke as a 1. A right-button drag
then rubs the stroke out again.
"""

import re

from lab_driver import CANVAS_HASH, SCREENSHOTS, open_and_run_all

from neuron_lib.demos.lesson06 import DigitDrawer

NOTEBOOK = "notebooks/06_softmax_digits.ipynb"
PAD_SIDE = DigitDrawer.pad_side


def drawing_demo(panel):
    demo = panel.locator(".jp-OutputArea-output:has(.jupyter-matplotlib-canvas-div)"
                         ":has(button:has-text('Clear'))")
    assert demo.count() == 1, f"{demo.count()} drawing demos on the page"
    return demo.first


def readout(demo):
    return demo.locator(".widget-html:has(pre)").first.inner_text()


def guess(text):
    return int(re.search(r"The network reads a (\d)", text).group(1))


def pad_point(box, column, row):
    """Page coordinates of a point of the pad (column, row from 0 to 31, from the top left)."""
    left, bottom, width, height = DigitDrawer.PAD_BOX
    x = left + width * (column + 0.5) / PAD_SIDE
    y = 1.0 - (bottom + height) + height * (row + 0.5) / PAD_SIDE
    return box["x"] + x * box["width"], box["y"] + y * box["height"]


def drag(page, box, points, button="left"):
    page.mouse.move(*pad_point(box, *points[0]))
    page.mouse.down(button=button)
    for point in points[1:]:
        page.mouse.move(*pad_point(box, *point), steps=4)
    page.mouse.up(button=button)


def wait_for_readout(page, demo, pattern):
    try:
        page.wait_for_function(
            "([node, pattern]) => new RegExp(pattern).test(node.textContent)",
            # The widget's own element: the <pre> inside is replaced at every update.
            arg=[demo.locator(".widget-html:has(pre)").first.element_handle(), pattern], timeout=20_000)
    except Exception as error:
        demo.screenshot(path=SCREENSHOTS / "06-draw-failed.png")
        raise AssertionError(f"the readout never said {pattern!r}; it says:\n{readout(demo)}\n"
                             f"(see {SCREENSHOTS / '06-draw-failed.png'})") from error


def test_a_digit_drawn_with_the_mouse_changes_the_bars_and_the_guess(page, lab):
    panel = open_and_run_all(page, lab, NOTEBOOK)
    demo = drawing_demo(panel)
    demo.scroll_into_view_if_needed()
    canvas = demo.locator(".jupyter-matplotlib-canvas-div canvas").first
    page.wait_for_function("(c) => c.width > 0", arg=canvas.element_handle())

    demo.get_by_role("button", name="Clear").click()
    wait_for_readout(page, demo, "The pad is empty")
    empty_text, empty_pixels = readout(demo), canvas.evaluate(CANVAS_HASH)
    # The canvas's top layer takes the mouse events; its box is the figure's.
    box = demo.locator(".jupyter-matplotlib-canvas-div canvas").last.bounding_box()

    # A "1": one long stroke down the middle of the pad, drawn as a person would.
    drag(page, box, [(15.5, 2.0), (15.5, 10.0), (15.5, 20.0), (15.5, 29.0)])
    wait_for_readout(page, demo, "your drawing")
    page.wait_for_function("([c, h]) => (" + CANVAS_HASH + ")(c) !== h",
                           arg=[canvas.element_handle(), empty_pixels])
    drawn_text = readout(demo)
    probabilities = drawn_text.splitlines()[1]
    assert probabilities != empty_text.splitlines()[1], "the bars did not change"
    assert guess(drawn_text) != guess(empty_text), "the guess did not change"
    assert guess(drawn_text) == 1, drawn_text
    demo.screenshot(path=SCREENSHOTS / "06-draw-a-one.png")

    # The right button rubs the stroke out: the pad is empty again.
    drag(page, box, [(15.5, 0.0), (15.5, 31.0)], button="right")
    wait_for_readout(page, demo, "The pad is empty")
    assert not page.errors, page.errors
