"""A learner's progress, seen where the course says it is: answer in a lesson, read the map.

In lesson 01 the learner answers every quiz question wrong first, then right, and runs the
exercise check on the untouched blanks; the course map, run afterwards in the same JupyterLab,
shows lesson 01 with every question answered right and its exercise not yet passing. The
kernels write to the test run's own progress file (NEURON_LIB_PROGRESS, set by the root
conftest.py), never to the one beside the committed lessons.
"""

import re

from lab_driver import SCREENSHOTS, open_and_run_all

LESSON = "notebooks/01_single_neuron.ipynb"
COURSE_MAP = "notebooks/00_course_map.ipynb"


def answer_wrong_then_right(page, question):
    """Click the options in order until the feedback says "Right"; return how many clicks."""
    feedback = question.locator(".widget-html").last
    # Held from the start: a chosen button's accessible name gains its icon's text.
    buttons = question.get_by_role("button", name=re.compile(r"^[A-H]\. \S")).element_handles()
    for i, button in enumerate(buttons):
        letter = "ABCDEFGH"[i]
        button.click()
        page.wait_for_function("([f, letter]) => f.textContent.startsWith(letter + ':')",
                               arg=[feedback.element_handle(), letter])
        if "✔ Right" in feedback.inner_text():
            return i + 1
    raise AssertionError(f"no option of this question was right: {question.inner_text()[:200]}")


def progress_row(panel, lesson):
    """The cells of the course map's progress-table row for `lesson` ("01")."""
    table = panel.locator(".jp-OutputArea-output table", has_text="questions answered right")
    table.wait_for()
    row = table.locator("tbody tr", has=panel.page.locator(f"td:text-is('{lesson}')"))
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def test_answers_in_a_lesson_show_on_the_course_map(page, lab):
    panel = open_and_run_all(page, lab, LESSON)
    questions = panel.locator(".jp-OutputArea-output:has(.nn-quiz-live)")
    n_questions = questions.count()
    assert n_questions >= 2, f"lesson 01 shows {n_questions} quiz questions, expected 2"
    clicks = [answer_wrong_then_right(page, questions.nth(i)) for i in range(n_questions)]
    assert any(n > 1 for n in clicks), "every first click was right: answer one wrong first"

    panel = open_and_run_all(page, lab, COURSE_MAP)
    row = progress_row(panel, "01")
    page.screenshot(path=SCREENSHOTS / "course-map-progress.png")
    assert row[:2] == ["01", f"{n_questions} of {n_questions}"], row
    # Run All ran the exercise check on the blanks (`...`): it is not passing yet.
    assert re.fullmatch(r"0 of [1-9]", row[2]), row
    assert not page.errors, page.errors
