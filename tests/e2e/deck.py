"""Presenting a lesson live: jupyterlab-slideshow's deck mode, inside the running JupyterLab.

test_lessons.py runs each lesson, then presents it with :func:`present_live`: the deck starts
on the first cell from the toolbar's button and steps forward to the end as the deck's arrows
do. Every step must show something (no empty slide); on each slide that holds a demo, a
slider moved by key and by mouse drag must change the live plot's pixels and the readout, as
in the notebook view. Esc leaves the deck and shows the whole notebook again.
"""


from lab_driver import CANVAS_HASH, SCREENSHOTS
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# What one step of the deck shows: its visible cells, and whether it can go on.
ON_SCREEN = """() => {
    const panel = document.querySelector('""" + PANEL + """');
    const all = [...panel.querySelectorAll('.jp-Cell')];
    const cells = all.filter(
        cell => cell.classList.contains('jp-deck-mod-visible')
            && getComputedStyle(cell).visibility !== 'hidden'
            && cell.getBoundingClientRect().height > 0);
    const can = (direction) => {
        const button = document.querySelector('.jp-deck-mod-direction-' + direction);
        return Boolean(button) && !button.classList.contains('jp-mod-disabled');
    };
    return {
        active: window.jupyterapp.shell.currentWidget.content.activeCellIndex,
        text: cells.map(cell => cell.innerText.trim()).join('\\n').slice(0, 80),
        shown: cells.filter(cell => cell.innerText.trim() || cell.querySelector('canvas, img'))
            .length,
        demos: cells.filter(cell => cell.querySelector('.jupyter-matplotlib-canvas-div'))
            .map(cell => all.indexOf(cell)),
        down: can('down'),
        more: can('down') || can('forward'),
    };
}"""


# The deck moved on from cell `before` and has drawn the new step (its classes are set
# asynchronously after the active cell changes).
SETTLED = """(before) => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    return notebook.activeCellIndex !== before
        && notebook.activeCell.node.classList.contains('jp-deck-mod-onscreen');
}"""
FOCUS_ACTIVE_CELL = ("() => window.jupyterapp.shell.currentWidget.content.activeCell"
                     ".node.focus()")


def press_in_notebook(page, key):
    """Press `key` as a presenter does: with the notebook (command mode), not a widget, focused."""
    page.evaluate(FOCUS_ACTIVE_CELL)
    page.keyboard.press(key)


def changes_plot_and_readout(page, demo, move):
    """Run `move()` and wait until the demo's canvas pixels and its readout text change."""
    canvas = demo.locator(".jupyter-matplotlib-canvas-div canvas").first
    before_pixels = canvas.evaluate(CANVAS_HASH)
    before_text = demo.locator(".widget-html").all_inner_texts()
    move()
    page.wait_for_function("([c, h]) => (" + CANVAS_HASH + ")(c) !== h",
                           arg=[canvas.element_handle(), before_pixels])
    page.wait_for_function(
        "([nodes, before]) => nodes.map(n => n.innerText).join('|') !== before.join('|')",
        arg=[demo.locator(".widget-html").element_handles(), before_text])


def drag(page, handle, dx):
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y, steps=4)
    page.mouse.move(x + dx, y, steps=4)
    page.mouse.up()


def advance(page, name, step, steps):
    """Step the deck on from `step`: down through a slide's sub-slides, else to the next slide,
    with the commands that the deck's arrow keys and on-screen arrows run.

    The arrows' enabled state is updated a moment after a step, so `step["down"]` may still
    describe the step before: when "down" does not move the deck, "forward" is tried.
    """
    commands = ["deck:down", "deck:forward"] if step["down"] else ["deck:forward"]
    for command in commands:
        page.evaluate(f"() => window.jupyterapp.commands.execute('{command}')")
        try:
            page.wait_for_function(SETTLED, arg=step["active"], timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    page.screenshot(path=SCREENSHOTS / f"{name}-deck-stuck.png")
    raise AssertionError(f"{name}: {' then '.join(commands)} did not move the deck on from cell "
                         f"{step['active']}; last steps {steps[-3:]}, now {page.evaluate(ON_SCREEN)}")


def present_live(page, panel, name):
    """Present the lesson on show (already run) in deck mode, from its first cell to its end.

    Every step must show something; on each slide with a demo, its first slider, moved by
    key and by drag, must change the plot's pixels and the readout. Esc leaves the deck, which
    is left in any case, so that a failure here does not hide the next lesson's menus.
    """
    n_demos = panel.locator(".jp-OutputArea-output:has(.jupyter-matplotlib-canvas-div)").count()
    page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0; }")
    # The deck button of the notebook's toolbar, as the README tells a teacher.
    panel.locator('.jp-Toolbar [data-jp-item-name="deck"] button, '
                  '.jp-Toolbar [data-jp-item-name="deck"]').first.click()
    try:
        page.wait_for_selector(f"{PANEL}.jp-Deck")
        steps, demos_moved, seen = [], 0, set()
        for _ in range(400):  # a guard: no lesson has this many steps
            step = page.evaluate(ON_SCREEN)
            steps.append(step)
            assert step["shown"], f"{name}: an empty slide at cell {step['active']}"
            for index in sorted(set(step["demos"]) - seen):
                seen.add(index)
                demo = panel.locator(".jp-Cell").nth(index).locator(
                    ".jp-OutputArea-output:has(.jupyter-matplotlib-canvas-div)")
                demo.scroll_into_view_if_needed()
                handle = demo.locator(".widget-slider .noUi-handle").first
                assert handle.is_visible(), f"{name}: the demo's slider is hidden on its slide"
                at_end = handle.get_attribute("aria-valuenow") == handle.get_attribute(
                    "aria-valuemax")
                key = "Home" if at_end else "End"
                changes_plot_and_readout(page, demo, lambda h=handle, k=key: (h.focus(), h.press(k)))
                changes_plot_and_readout(page, demo, lambda h=handle, k=key: drag(
                    page, h, 60 if k == "Home" else -60))
                demo.screenshot(path=SCREENSHOTS / f"{name}-deck-demo{len(seen)}.png")
                demos_moved += 1
            if not step["more"]:
                break
            advance(page, name, step, steps)
        else:
            raise AssertionError(f"{name}: the deck never reached its end")
        assert demos_moved == n_demos, f"{name}: {demos_moved} of {n_demos} demos moved on slides"
        assert len(steps) > 5, f"{name}: only {len(steps)} steps"

        press_in_notebook(page, "Escape")
        page.wait_for_selector(f"{PANEL}:not(.jp-Deck)")
        assert panel.locator(".jp-Cell").first.is_visible()
    finally:
        page.evaluate("""() => document.querySelector('.jp-Deck')
            && window.jupyterapp.commands.execute('deck:stop')""")
