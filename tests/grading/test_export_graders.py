"""tools/export_graders.py: what each lesson's nbgrader and otter assignments hold (no grader run)."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_lessons
import export_graders
import navigation

from neuron_lib import quiz

SOURCES = build_lessons.sources()


def _quiz_calls(source):
    lesson = json.loads((ROOT / "notebooks" / source.name).read_text())
    return [navigation.cell_text(cell).strip() for cell in lesson["cells"]
            if cell["cell_type"] == "code"
            and navigation.cell_text(cell).strip().startswith("quiz.")]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_quiz_question_of_the_lesson_is_graded_with_its_key(source):
    parts = export_graders.assignment(source)
    assert [item["call"] for item in parts["quizzes"]] == _quiz_calls(source)
    for item in parts["quizzes"]:
        question = getattr(quiz, item["call"][len("quiz."):-2])()
        # The letter of the option marked correct, found independently of answer_key.
        right = [quiz.LETTERS[i] for i, option in enumerate(question.options) if option.correct]
        assert [item["key"]] == right
        assert item["name"].startswith("answer_") and item["name"].isidentifier()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_nbgrader_notebook_marks_solutions_tests_and_points(source):
    parts = export_graders.assignment(source)
    notebook = export_graders.nbgrader_notebook(parts)
    cells = {cell["id"]: cell for cell in notebook["cells"]}
    grades = [cell["metadata"]["nbgrader"] for cell in notebook["cells"]]
    assert len({grade["grade_id"] for grade in grades}) == len(grades)  # nbgrader needs it
    points = {grade["grade_id"]: grade["points"] for grade in grades if grade["grade"]}
    assert points == {"check": 3, "own_work": 2,
                      **{f"{item['name']}_test": 1 for item in parts["quizzes"]}}
    exercise = navigation.cell_text(cells["exercise"])
    assert cells["exercise"]["metadata"]["nbgrader"]["solution"]
    assert "### BEGIN SOLUTION" in exercise and "BEGIN STUB" not in exercise
    # Without its markers the exercise is the solutions notebook's worked solution.
    assert "\n".join(line for line in exercise.split("\n") if "### " not in line) == (
        build_lessons.solution_code(parts["exercise"]))
    assert "### BEGIN HIDDEN TESTS" in navigation.cell_text(cells["own-work"])
    assert navigation.cell_text(cells["check"]) == (
        f"report = {parts['check']}\nassert report.passed, report")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_otter_notebook_has_one_question_per_exercise_and_quiz(source):
    parts = export_graders.assignment(source)
    notebook = export_graders.otter_notebook(parts)
    raw = [navigation.cell_text(cell) for cell in notebook["cells"] if cell["cell_type"] == "raw"]
    assert raw[0].startswith("# ASSIGNMENT CONFIG\nname: " + source.stem)
    # Nothing in the learner's notebook may import otter: it is not in their environment.
    assert "init_cell: false" in raw[0]
    questions = [text for text in raw if text.startswith("# BEGIN QUESTION")]
    assert questions[0] == "# BEGIN QUESTION\nname: exercise\npoints: [3, 2]\ncheck_cell: false"
    assert all(q.endswith("\ncheck_cell: false") for q in questions)
    assert [q.split("\n")[1] for q in questions[1:]] == [
        f"name: {item['name']}" for item in parts["quizzes"]]
    for marker in ("# BEGIN SOLUTION", "# END SOLUTION", "# BEGIN TESTS", "# END TESTS",
                   "# END QUESTION"):
        assert raw.count(marker) == len(questions), marker
    hidden = [navigation.cell_text(cell) for cell in notebook["cells"]
              if navigation.cell_text(cell).startswith("# HIDDEN")]
    assert len(hidden) == len(questions)


def test_a_source_without_its_graded_cells_is_refused(tmp_path):
    source = tmp_path / "07_new.ipynb"
    notebook = json.loads(SOURCES[0].read_text())
    for cell in notebook["cells"]:
        cell["metadata"].get("build", {}).pop("grade", None)
    source.write_text(json.dumps(notebook))
    with pytest.raises(build_lessons.SourceError, match="no cell marked build.grade = check"):
        export_graders.assignment(source)


def test_the_command_needs_a_destination(capsys):
    with pytest.raises(SystemExit):
        export_graders.main([])
    assert "--nbgrader COURSE_DIR and/or --otter DIR" in capsys.readouterr().err


def test_the_command_writes_both_exports(tmp_path, capsys):
    assert export_graders.main(["--nbgrader", str(tmp_path / "n"), "--otter",
                                str(tmp_path / "o"), str(SOURCES[1])]) == 0
    name = SOURCES[1].stem
    assert (tmp_path / "n" / "source" / name / f"{name}.ipynb").exists()
    assert "c.CourseDirectory.course_id" in (tmp_path / "n" / "nbgrader_config.py").read_text()
    assert (tmp_path / "o" / name / f"{name}.ipynb").exists()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_graded_task_does_not_point_at_the_solutions(source):
    task = export_graders.assignment(source)["task"]
    assert "solution" not in task.lower(), task
    assert not task.lstrip("#").lstrip().startswith(tuple("0123456789")), task[:60]
