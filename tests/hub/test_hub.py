"""A class on a real JupyterHub: the README's nbgitpuller link, end to end, in Chromium.

A student follows the README's link (the hub's address and the served course put in place of
`HUB` and GitHub), logs in, and lands on the course map, pulled by nbgitpuller into their
home; the set-up check says all is well; lesson 01 runs and its demo answers a slider. The
student's own edit then survives a second pull after the teacher changed the course.
"""

import re
import time
from pathlib import Path

import hub_driver
import nbformat
import pin_binder
from lab_driver import (
    CANVAS_HASH,
    NOTEBOOK,
    RECORD_KEY_TIMES,
    SCREENSHOTS,
    WAIT_FOR_NEW_PIXELS,
    run_all,
)

STUDENT_NOTE = "My note: the bias shifts the sigmoid sideways."
TEACHER_NOTE = "A note from the teacher: lesson 04 comes next week."


def wait_for(condition, what, timeout=30):
    """Poll `condition` (a file on disk, say) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.1)


def follow_link(page, hub, link, landing, log_in):
    """Open the nbgitpuller link (logging in when asked) and wait for JupyterLab to show the
    notebook it lands on; return that notebook's panel."""
    page.goto(link)
    if log_in:
        page.locator("#username_input").fill(hub.student)
        page.locator("#password_input").fill(hub.password)
        page.locator("#login_submit").click()
    # The hub starts the student's server, nbgitpuller pulls, then redirects to `landing`.
    page.wait_for_url(re.compile(re.escape(f"/user/{hub.student}/{landing}")), timeout=120_000)
    panel = page.locator(NOTEBOOK)
    panel.locator(".jp-Cell").first.wait_for(timeout=60_000)
    return panel


def test_a_student_follows_the_readme_link_runs_lesson_01_and_keeps_their_edits(
        hub, course, browser):
    link, query = hub_driver.readme_link(hub.base, course.path)
    landing = query["urlpath"]  # lab/tree/<course>/notebooks/00_course_map.ipynb
    course_map = landing.removeprefix("lab/tree/")
    lesson_01 = str(Path(course_map).parent / "01_single_neuron.ipynb")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        # The link: log in, the server starts, nbgitpuller clones, the course map opens.
        panel = follow_link(page, hub, link, landing, log_in=True)
        title = panel.locator(".jp-RenderedMarkdown h1").first
        title.wait_for()
        assert "course map" in title.inner_text().lower()
        assert hub_driver.git("rev-parse", "HEAD", cwd=hub.course).strip() == course.head
        assert hub.processes(), "the student's server should run under the hub"

        # The set-up check, run in the student's kernel: the image's environment, all good.
        panel = run_all(page)
        doctor = panel.locator(".jp-CodeCell", has_text="doctor()").locator(
            ".jp-OutputArea-output").inner_text()
        assert "All good" in doctor, doctor
        assert re.search(rf"Python\s+{re.escape(pin_binder.runtime_python())}\.", doctor), doctor
        assert re.search(rf"ipywidgets\s+{pin_binder.pinned()['ipywidgets']}\b", doctor), doctor

        # Lesson 01 runs; a key press on its demo's bias slider changes picture and numbers.
        # (Opened from the course map's JupyterLab, as a click on its link would.)
        page.evaluate("async (path) => { await window.jupyterapp.commands.execute("
                      "'docmanager:open', {path}); }", lesson_01)
        page.wait_for_function(
            "(path) => window.jupyterapp.shell.currentWidget?.context?.path === path",
            arg=lesson_01)
        panel = run_all(page)
        demo = panel.locator(".jp-OutputArea-output:has(.jupyter-matplotlib-canvas-div)").first
        canvas = demo.locator(".jupyter-matplotlib-canvas-div canvas").first
        readout = demo.locator(".widget-html").last
        numbers_before, pixels_before = readout.inner_text(), canvas.evaluate(CANVAS_HASH)
        page.evaluate(RECORD_KEY_TIMES)
        demo.locator(".noUi-handle").last.press("ArrowRight")  # the bias, the last slider
        page.evaluate(WAIT_FOR_NEW_PIXELS, [canvas.element_handle(), pixels_before])
        page.wait_for_function("([element, before]) => element.innerText !== before",
                               arg=[readout.element_handle(), numbers_before])
        hub.processes()  # note the kernels, to be sure they are stopped at the end

        # The student adds a note at the end of lesson 01 and saves it.
        page.evaluate("""async () => {
            const commands = window.jupyterapp.commands;
            await commands.execute('notebook:insert-cell-below');
            await commands.execute('notebook:change-cell-to-markdown');
            await commands.execute('notebook:enter-edit-mode');
        }""")
        page.keyboard.type(STUDENT_NOTE)
        page.keyboard.press("Control+s")
        saved = hub.course / lesson_01.split("/", 1)[1]
        wait_for(lambda: STUDENT_NOTE in saved.read_text(), "the student's note to be saved")

        # Meanwhile the teacher changes lesson 01's title and adds a note to the course.
        def teach(folder):
            notebook = folder / "notebooks" / "01_single_neuron.ipynb"
            text = notebook.read_text()
            assert "# 01 · The single neuron" in text, "lesson 01's title changed: update me"
            notebook.write_text(text.replace("# 01 · The single neuron",
                                             "# 01 · The single neuron (revised)", 1))
            (folder / "notebooks" / "NOTES.md").write_text(TEACHER_NOTE + "\n")
        course.commit("Revise lesson 01's title; a note for the class", teach)
        upstream = hub_driver.git("rev-parse", "main", cwd=course.path).strip()

        # The same link again: nbgitpuller merges the teacher's commit into the student's
        # copy; the student's note stays, beside the teacher's changes.
        follow_link(page, hub, link, landing, log_in=False)
        hub_driver.git("merge-base", "--is-ancestor", upstream, "HEAD", cwd=hub.course)
        assert (hub.course / "notebooks" / "NOTES.md").read_text().strip() == TEACHER_NOTE
        merged = nbformat.reads(saved.read_text(), as_version=4)
        nbformat.validate(merged)  # the merge left a valid notebook
        sources = [cell.source for cell in merged.cells]
        assert STUDENT_NOTE in sources, "nbgitpuller lost the student's note"
        assert "(revised)" in sources[0], sources[0]
        assert errors == [], errors
    except Exception as error:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "hub-failed.png")
        raise AssertionError(f"{error}\nPage: {page.url}\n{page.locator('body').inner_text()[:1000]}"
                             f"\nHub log:\n{hub.log_text()}\nSee {SCREENSHOTS / 'hub-failed.png'}") \
            from error
    finally:
        context.close()
