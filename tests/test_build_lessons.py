"""tools/build_lessons.py: lessons and solutions notebooks are generated from source/ and current."""

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_lessons
import navigation

HOW_TO_FIX = ("Edit source/NN_name.ipynb, never the generated notebook, then run "
              "`python tools/build_lessons.py` (and tools/run_notebooks.py on what it names).")
SOURCES = sorted((ROOT / "source").glob("[0-9][0-9]_*.ipynb"))

CELL = """\
def f(x):
    y = 1  # given
    ### BEGIN SOLUTION
    z = x + y  # the sum
    ### END SOLUTION
    ### BEGIN STUB
    z = ...    # the sum
    ### END STUB
    ### BEGIN SOLUTION
    assert z
    ### END SOLUTION
    return z"""


def test_every_lesson_has_a_source_and_every_source_a_lesson():
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
                     if not p.name.startswith("00_"))
    assert [p.name for p in SOURCES] == lessons


def test_committed_lessons_and_solutions_match_their_sources():
    drift = build_lessons.drift()
    assert not drift, "\n".join(
        [f"{path.relative_to(ROOT)}: {'; '.join(lines)}" for path, lines in drift.items()]
        + [HOW_TO_FIX])


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_sources_hold_no_outputs_and_every_exercise_both_forms(source):
    notebook = json.loads(source.read_text())
    exercises = 0
    for cell in notebook["cells"]:
        assert not cell.get("outputs") and "execution" not in cell["metadata"], cell["id"]
        text = navigation.cell_text(cell)
        if build_lessons.has_solution(text):
            exercises += 1
            lesson, solution = build_lessons.lesson_code(text), build_lessons.solution_code(text)
            assert "..." in lesson and lesson != solution
            compile(solution, cell["id"], "exec")  # the worked solution is valid Python
    assert exercises >= 1


def test_building_keeps_the_committed_outputs_of_unchanged_cells():
    for source in SOURCES:
        for path, (notebook, changed) in build_lessons.build(source).items():
            assert changed == [], f"{path.name}: cells {changed} would lose their outputs"
            assert navigation.serialise(notebook) == path.read_text(), path.name


def test_stub_and_solution_are_cut_from_one_cell():
    assert build_lessons.lesson_code(CELL) == (
        "def f(x):\n    y = 1  # given\n    z = ...    # the sum\n    return z")
    assert build_lessons.solution_code(CELL) == (
        "def f(x):\n    y = 1  # given\n    z = x + y  # the sum\n    assert z\n    return z")


@pytest.mark.parametrize("text, message", [
    ("### BEGIN SOLUTION\nx = 1", "solution block is not closed"),
    ("### END SOLUTION", "'### END SOLUTION' is out of place"),
    ("x = 1\n### BEGIN STUB\nx = ...\n### END STUB", "'### BEGIN STUB' is out of place"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "line 2"),
    ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n### BEGIN STUB\nx = ...", "stub block"),
])
def test_a_misplaced_marker_names_the_line_and_the_fix(text, message):
    with pytest.raises(build_lessons.SourceError, match=message):
        build_lessons.lesson_code(text, "source/x.ipynb, cell c1")


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    """A copy of the course's notebooks and sources, which the tools then read and write."""
    for folder in ("notebooks", "source"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    for module, name, value in (
            (navigation, "ROOT", tmp_path), (navigation, "NOTEBOOKS", tmp_path / "notebooks"),
            (navigation, "COURSE_MAP", tmp_path / "notebooks" / "00_course_map.ipynb"),
            (navigation, "README", tmp_path / "README.md"), (build_lessons, "ROOT", tmp_path),
            (build_lessons, "SOURCES", tmp_path / "source"),
            (build_lessons, "NOTEBOOKS", tmp_path / "notebooks")):
        monkeypatch.setattr(module, name, value)
    return tmp_path


def _edit_source(course, old, new):
    source = course / "source" / "01_single_neuron.ipynb"
    assert old in source.read_text()
    source.write_text(source.read_text().replace(old, new))


def test_an_edit_of_a_generated_notebook_is_drift_named_by_cell(course_copy, capsys):
    lesson = course_copy / "notebooks" / "01_single_neuron.ipynb"
    lesson.write_text(lesson.read_text().replace("self.bias = ...     #", "self.bias = 0.0     #"))
    assert build_lessons.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "notebooks/01_single_neuron.ipynb differs from its source" in out
    assert "id 5322d66b) differs in its source" in out
    assert "solutions" not in out.split("Edit source/")[0]  # the solutions are untouched
    assert "python tools/build_lessons.py" in out


def test_an_edit_of_a_source_reaches_both_notebooks(course_copy, capsys):
    _edit_source(course_copy, "one number from U[-1, 1]", "one number, drawn from U[-1, 1]")
    assert build_lessons.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "01_single_neuron.ipynb differs" in out
    assert "01_single_neuron_solutions.ipynb differs" in out
    assert build_lessons.main([]) == 0
    out = capsys.readouterr().out
    # The changed cell has no outputs now: the author is told what to re-execute.
    assert ("run python tools/run_notebooks.py notebooks/01_single_neuron.ipynb "
            "notebooks/solutions/01_single_neuron_solutions.ipynb") in out
    lesson = json.loads((course_copy / "notebooks" / "01_single_neuron.ipynb").read_text())
    cell = next(c for c in lesson["cells"] if c["id"] == "5322d66b")
    assert "self.bias = ...     # one number, drawn from U[-1, 1]" in navigation.cell_text(cell)
    assert cell["outputs"] == [] and "execution" not in cell["metadata"]
    check = next(c for c in lesson["cells"] if c["id"] == "23f550f9")
    assert check["outputs"], "an unchanged cell keeps its committed outputs"
    assert build_lessons.main(["--check"]) == 0


def test_a_lesson_only_edit_stays_out_of_the_solutions(course_copy, capsys):
    _edit_source(course_copy, "Complete the class below", "Complete the class underneath")
    build_lessons.main([])
    assert "Complete the class underneath" in (
        course_copy / "notebooks" / "01_single_neuron.ipynb").read_text()
    solutions = course_copy / "notebooks" / "solutions" / "01_single_neuron_solutions.ipynb"
    assert solutions.read_text() == (
        ROOT / "notebooks" / "solutions" / "01_single_neuron_solutions.ipynb").read_text()


def _cells(path):
    return json.loads(path.read_text())["cells"]


def _write_cells(path, cells):
    notebook = json.loads(path.read_text())
    notebook["cells"] = cells
    path.write_text(navigation.serialise(notebook))


def test_edits_made_in_the_notebooks_are_adopted_into_the_source(course_copy, capsys):
    """A merge that edited a generated notebook directly: --adopt takes the edits back."""
    lesson_path = course_copy / "notebooks" / "01_single_neuron.ipynb"
    solutions_path = (course_copy / "notebooks" / "solutions"
                      / "01_single_neuron_solutions.ipynb")
    lesson, solutions = _cells(lesson_path), _cells(solutions_path)
    summary = next(c for c in lesson if navigation.cell_text(c).startswith("## 9 · Summary"))
    summary["source"] = navigation.cell_text(summary) + "\n\nOne more line."
    new_cell = {"cell_type": "markdown", "id": "new-note",
                "metadata": {"slideshow": {"slide_type": ""}},  # as navigation.py writes it
                "source": "A new note after the demo."}
    demo_index = next(i for i, c in enumerate(lesson)
                      if navigation.cell_text(c).startswith("demos.neuron_explorer"))
    lesson.insert(demo_index + 1, new_cell)
    solution = next(c for c in solutions if "solution" in c["metadata"].get("tags", []))
    solution["source"] = navigation.cell_text(solution).replace(
        "rng.uniform(-1, 1)                    #", "rng.uniform(-1.0, 1.0)                #")
    _write_cells(lesson_path, lesson)
    _write_cells(solutions_path, solutions)
    assert build_lessons.main(["--check"]) == 1
    assert build_lessons.main(["--adopt"]) == 0
    out = capsys.readouterr().out
    assert "still differs" not in out
    assert "updated source/01_single_neuron.ipynb" in out and "02_" not in out.split("differs")[-1]
    for source in SOURCES[1:]:  # the other lessons' sources are untouched
        assert (course_copy / "source" / source.name).read_text() == source.read_text()
    assert build_lessons.main(["--check"]) == 0
    source = json.loads((course_copy / "source" / "01_single_neuron.ipynb").read_text())
    ids = [cell["id"] for cell in source["cells"]]
    assert ids.index("new-note") == ids.index("5b1e0be2") + 1  # after the demo, as placed
    exercise = navigation.cell_text(next(c for c in source["cells"] if c["id"] == "5322d66b"))
    assert "rng.uniform(-1.0, 1.0)" in build_lessons.solution_code(exercise)
    assert "self.bias = ...     # one number" in build_lessons.lesson_code(exercise)
    # The graders-only hidden test is kept.
    assert "l01-hidden-tests" in ids


def test_merge_forms_turns_two_versions_into_solution_and_stub():
    merged = build_lessons.merge_forms("def f(x):\n    return ...  # x squared",
                                       "def f(x):\n    y = x * x\n    return y  # x squared")
    assert merged == ("def f(x):\n    ### BEGIN SOLUTION\n    y = x * x\n"
                      "    return y  # x squared\n    ### END SOLUTION\n    ### BEGIN STUB\n"
                      "    return ...  # x squared\n    ### END STUB")


def test_a_mistyped_marker_is_refused_not_passed_to_the_learner():
    # otter's "# BEGIN SOLUTION" in place of "### BEGIN SOLUTION" would leave the solution in
    # the learner's lesson, as a comment and code.
    text = "def f(x):\n    # BEGIN SOLUTION\n    return 2 * x\n    # END SOLUTION\n"
    with pytest.raises(build_lessons.SourceError, match="looks like a marker but is not one"):
        build_lessons.split_blocks(text)


def test_a_check_cell_edited_in_one_notebook_only_is_not_adopted_as_an_exercise(
        course_copy, capsys):
    """Only an exercise may differ between lesson and solutions: a check cell that does would
    become a solution block, and the graders' export invalid Python."""
    lesson_path = course_copy / "notebooks" / "01_single_neuron.ipynb"
    lesson = _cells(lesson_path)
    check = next(c for c in lesson
                 if navigation.cell_text(c).startswith("exercises.check_neuron_class"))
    check["source"] = "exercises.check_neuron_class(MyNeuron)  # run me"
    _write_cells(lesson_path, lesson)
    before = (course_copy / "source" / "01_single_neuron.ipynb").read_text()
    assert build_lessons.main(["--adopt"]) == 1
    assert "is not an exercise" in capsys.readouterr().out
    assert (course_copy / "source" / "01_single_neuron.ipynb").read_text() == before
