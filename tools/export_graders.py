#!/usr/bin/env python3
"""Export each lesson's exercise and quiz as an assignment for nbgrader or otter-grader.

    .venv/bin/python tools/export_graders.py --nbgrader COURSE_DIR   # nbgrader 0.9 course
    .venv/bin/python tools/export_graders.py --otter DIR             # otter-assign notebooks
    .venv/bin/python tools/export_graders.py --otter DIR source/01_single_neuron.ipynb

One assignment per lesson, built from the lesson's source notebook (see
tools/build_lessons.py): the imports, the exercise's task, the exercise with its solution
marked, the lesson's check as a graded test, a hidden test that the work is the learner's own
(not `neuron_lib.Neuron` or a library function handed in), and each quiz question followed
by an answer cell (`answer_bias = "B"`) with a graded test. Exercises and quizzes only, not
the whole lesson: graders then run a notebook in seconds, not the lesson's demos.

nbgrader: writes COURSE_DIR/nbgrader_config.py and COURSE_DIR/source/NN_name/NN_name.ipynb;
then `nbgrader generate_assignment NN_name` and, once submissions are collected,
`nbgrader autograde NN_name`. otter: writes DIR/NN_name/NN_name.ipynb; then
`otter assign DIR/NN_name/NN_name.ipynb DIST` and `otter run -a DIST/autograder/*.zip
SUBMISSION.ipynb`. Grading needs neuron_lib installed where the notebooks run.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_lessons

# Points of a lesson: the check, the hidden test that the work is the learner's own, and
# each quiz question.
CHECK_POINTS, HIDDEN_POINTS, QUIZ_POINTS = 3, 2, 1


def _text(cell):
    return build_lessons.cell_text(cell)


def _answer_name(call):
    """`quiz.bias_question()` -> "answer_bias"."""
    function = call.strip().removeprefix("quiz.").removesuffix("()")
    return "answer_" + function.removesuffix("_question")


def assignment(source):
    """The graded parts of a lesson's source notebook, as plain data."""
    from neuron_lib import quiz

    notebook = build_lessons.read_source(source)
    parts = {}
    for cell in notebook["cells"]:
        grade = cell["metadata"].get("build", {}).get("grade")
        if grade:
            parts.setdefault(grade, []).append(cell)
    missing = {"imports", "task", "exercise", "check", "hidden"} - set(parts)
    if missing:
        raise build_lessons.SourceError(
            f"{source.name}: no cell marked build.grade = {', '.join(sorted(missing))}.")
    title = _text(notebook["cells"][0]).splitlines()[0].lstrip("# ").strip()
    quizzes = []
    for cell in parts.get("quiz", []):
        call = _text(cell).strip()
        question = getattr(quiz, call.removeprefix("quiz.").removesuffix("()"))()
        quizzes.append({"call": call, "name": _answer_name(call), "key": question.answer_key,
                        "letters": quiz.LETTERS[:len(question.options)],
                        "points": cell["metadata"]["build"].get("points", QUIZ_POINTS)})
    return {
        "name": source.stem, "title": title,
        "imports": "\n\n".join(_text(cell) for cell in parts["imports"]),
        "task": _graded_task(_text(parts["task"][0])),
        "exercise": _text(parts["exercise"][0]),
        "check": _text(parts["check"][0]).strip(),
        "check_points": parts["check"][0]["metadata"]["build"].get("points", CHECK_POINTS),
        "hidden": _text(parts["hidden"][0]).strip(),
        "hidden_points": parts["hidden"][0]["metadata"]["build"].get("points", HIDDEN_POINTS),
        "quizzes": quizzes,
    }


# Where a lesson's task points at its solution: "(Solution: `solutions/...`)", "(Stuck? The
# solution is in ...)", "Stuck? The solution is in the `solutions` folder ...: [link](...)."
_SOLUTION_POINTER = re.compile(r"\s*\(?(?:Stuck\? The solution|Solution:)[^\n]*?solutions\.ipynb"
                               r"[^\n]*?(?:\)\.|\.\)|\)|\.)(?=\s|$)")


def _graded_task(text):
    """The lesson's task, as a graded assignment shows it: without the lesson's section
    number in its heading, and without the pointer to the solutions notebook."""
    text = re.sub(r"^(#+) [0-9]+ · ", r"\1 ", text)  # "## 8 · Coding exercise" -> "## Coding..."
    return _SOLUTION_POINTER.sub("", text)


def _intro(parts):
    return (f"# {parts['title']}: exercise and quiz\n\n"
            f"The graded part of lesson {parts['name'][:2]} (the sections and the cells "
            "\"above\" that the exercise mentions are the lesson's). Run the cells in order (or Run → "
            "Run All), write your code where the exercise asks for it, and answer each quiz "
            "question in the cell below it. Save the notebook before you hand it in.")


QUIZ_INTRO = ("## Quiz\n\nClick the answer you think is right: every answer tells you why. "
              "Then write its letter in the cell below the question, e.g. "
              '`answer_bias = "A"`: that cell is what is graded.')


def _check_test(check):
    """`exercises.check_x(f)` -> a test that fails with the check's report."""
    return f"report = {check}\nassert report.passed, report"


def _own_work_test(parts):
    """The hidden test: the check passes, and on the learner's own code."""
    return (f"assert {parts['check']}.passed, \"the exercise's check does not pass yet\"\n"
            f"{parts['hidden']}")


def _answer_test(quiz_item):
    name, letters = quiz_item["name"], quiz_item["letters"]
    return (f"assert isinstance({name}, str) and {name}.strip().upper() in {tuple(letters)}, (\n"
            f"    'Write the letter of your answer as a string, e.g. {name} = \"A\"')")


def _answer_right(quiz_item):
    return (f"assert {quiz_item['name']}.strip().upper() == "
            f"{quiz_item['call']}.answer_key")


def _answer_comment(quiz_item):
    return f"# The letter of the answer you chose above, as a string: {quiz_item['name']} = \"A\""


def _notebook(cells):
    return {"cells": cells, "metadata": {"kernelspec": {
        "display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def _cell(kind, text, cell_id, metadata=None):
    cell = {"cell_type": kind, "id": cell_id, "metadata": metadata or {},
            "source": text.splitlines(keepends=True)}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


# nbgrader ---------------------------------------------------------------------------------

def _nbgrader(grade_id, *, solution=False, points=None):
    """nbgrader's cell metadata (schema 3): a solution, a graded test or a read-only cell."""
    return {"nbgrader": {"grade": points is not None, "grade_id": grade_id,
                         "locked": not solution, "schema_version": 3, "solution": solution,
                         "task": False, **({"points": points} if points is not None else {})}}


def _nbgrader_exercise(text):
    """The source's exercise with nbgrader's markers only: the stubs left out."""
    lines = []
    for kind, block in build_lessons.split_blocks(text):
        if kind == "solution":
            indent = block[0][:len(block[0]) - len(block[0].lstrip())] if block else ""
            lines += [indent + build_lessons.BEGIN_SOLUTION, *block,
                      indent + build_lessons.END_SOLUTION]
        elif kind == "shared":
            lines += block
    return "\n".join(lines)


def nbgrader_notebook(parts):
    """nbgrader's source notebook of a lesson's assignment."""
    cells = [
        _cell("markdown", _intro(parts), "intro", _nbgrader("intro")),
        _cell("code", parts["imports"], "imports", _nbgrader("imports")),
        _cell("markdown", parts["task"], "task", _nbgrader("task")),
        _cell("code", _nbgrader_exercise(parts["exercise"]), "exercise",
              _nbgrader("exercise", solution=True)),
        _cell("code", _check_test(parts["check"]), "check",
              _nbgrader("check", points=parts["check_points"])),
        _cell("code", f"# Hidden test: the work is your own.\n"
                      f"### BEGIN HIDDEN TESTS\n{_own_work_test(parts)}\n### END HIDDEN TESTS",
              "own-work", _nbgrader("own_work", points=parts["hidden_points"])),
    ]
    if parts["quizzes"]:
        cells.append(_cell("markdown", QUIZ_INTRO, "quiz", _nbgrader("quiz")))
    for item in parts["quizzes"]:
        name = item["name"]
        cells += [
            _cell("code", item["call"], f"{name}-question", _nbgrader(f"{name}_question")),
            _cell("code", f"{_answer_comment(item)}\n{build_lessons.BEGIN_SOLUTION}\n"
                          f"{name} = \"{item['key']}\"\n{build_lessons.END_SOLUTION}",
                  name, _nbgrader(name, solution=True)),
            _cell("code", f"{_answer_test(item)}\n### BEGIN HIDDEN TESTS\n{_answer_right(item)}"
                          "\n### END HIDDEN TESTS",
                  f"{name}-test", _nbgrader(f"{name}_test", points=item["points"])),
        ]
    return _notebook(cells)


NBGRADER_CONFIG = '''\
"""nbgrader's configuration for the course's assignments (written by tools/export_graders.py)."""

c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = "neural-networks-from-scratch"
# One assignment per lesson (source/NN_name/): its exercise, checked by neuron_lib plus a
# hidden test that the work is the learner's own, and its quiz. neuron_lib must be installed
# where nbgrader runs the notebooks.
'''


def export_nbgrader(directory, source_paths):
    directory = Path(directory)
    names = []
    for source in source_paths:
        parts = assignment(source)
        folder = directory / "source" / parts["name"]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{parts['name']}.ipynb"
        path.write_text(json.dumps(nbgrader_notebook(parts), indent=1, ensure_ascii=False) + "\n")
        names.append(parts["name"])
        print(f"wrote {path}")
    config = directory / "nbgrader_config.py"
    if not config.exists():  # a teacher's own settings are kept
        config.write_text(NBGRADER_CONFIG)
    return names


# otter ------------------------------------------------------------------------------------

def _otter_exercise(text):
    """The source's exercise in otter's syntax: the stub becomes otter's prompt, verbatim."""
    lines = []
    for kind, block in build_lessons.split_blocks(text):
        indent = block[0][:len(block[0]) - len(block[0].lstrip())] if block else ""
        if kind == "solution":
            lines += [indent + "# BEGIN SOLUTION NO PROMPT", *block, indent + "# END SOLUTION"]
        elif kind == "stub":
            lines += [indent + '""" # BEGIN PROMPT', *block, indent + '""" # END PROMPT']
        else:
            lines += block
    return "\n".join(lines)


def _otter_question(name, points, prompt_cells, solution, tests):
    # No `grader.check(...)` cell: otter is not in a learner's environment (the course's
    # own check gives the feedback instead).
    config = f"# BEGIN QUESTION\nname: {name}\npoints: {json.dumps(points)}\ncheck_cell: false"
    return [_cell("raw", config, f"{name}-begin"), *prompt_cells,
            _cell("raw", "# BEGIN SOLUTION", f"{name}-begin-solution"),
            _cell("code", solution, f"{name}-solution"),
            _cell("raw", "# END SOLUTION", f"{name}-end-solution"),
            _cell("raw", "# BEGIN TESTS", f"{name}-begin-tests"),
            *[_cell("code", test, f"{name}-test-{number}") for number, test in enumerate(tests)],
            _cell("raw", "# END TESTS", f"{name}-end-tests"),
            _cell("raw", "# END QUESTION", f"{name}-end")]


def otter_notebook(parts):
    """otter-assign's master notebook of a lesson's assignment."""
    config = (f"# ASSIGNMENT CONFIG\nname: {parts['name']}\n"
              # Nothing in the learner's notebook imports otter (it is not in the course's
              # environment, nor on Binder or the hub): no init or check cells; the course's
              # own check gives feedback. They hand in the notebook itself, no PDF.
              "init_cell: false\ncheck_all_cell: false\nexport_cell: false\n"
              "run_tests: false\ngenerate: true\n")
    cells = [_cell("raw", config, "assignment-config"),
             _cell("markdown", _intro(parts), "intro"),
             _cell("code", parts["imports"], "imports")]
    cells += _otter_question(
        "exercise", [parts["check_points"], parts["hidden_points"]],
        [_cell("markdown", parts["task"], "task")], _otter_exercise(parts["exercise"]),
        [_check_test(parts["check"]),
         "# HIDDEN: the work is the learner's own\n" + _own_work_test(parts)])
    cells.append(_cell("code", parts["check"], "check"))  # the lesson's check, for feedback
    if parts["quizzes"]:
        cells.append(_cell("markdown", QUIZ_INTRO, "quiz"))
    for item in parts["quizzes"]:
        cells += _otter_question(
            item["name"], [0, item["points"]],
            [_cell("code", item["call"], f"{item['name']}-question")],
            f"{_answer_comment(item)}\n{item['name']} = \"{item['key']}\"  # SOLUTION",
            [_answer_test(item), f"# HIDDEN\n{_answer_right(item)}"])
    return _notebook(cells)


def export_otter(directory, source_paths):
    directory = Path(directory)
    names = []
    for source in source_paths:
        parts = assignment(source)
        folder = directory / parts["name"]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{parts['name']}.ipynb"
        path.write_text(json.dumps(otter_notebook(parts), indent=1, ensure_ascii=False) + "\n")
        names.append(parts["name"])
        print(f"wrote {path}")
    return names


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", help="source notebooks (default: source/*)")
    parser.add_argument("--nbgrader", metavar="COURSE_DIR", help="write an nbgrader course")
    parser.add_argument("--otter", metavar="DIR", help="write otter-assign notebooks")
    arguments = parser.parse_args(argv)
    if not (arguments.nbgrader or arguments.otter):
        parser.error("say where: --nbgrader COURSE_DIR and/or --otter DIR")
    source_paths = build_lessons.sources(arguments.sources)
    if arguments.nbgrader:
        export_nbgrader(arguments.nbgrader, source_paths)
    if arguments.otter:
        export_otter(arguments.otter, source_paths)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
