"""nbgrader and otter-grader grade the course: solutions full marks, blanks zero, no shortcut.

Each tool runs in its own environment (graders_env.py) with its own API: nbgrader's
generate_assignment and autograde on a temporary course directory, Otter Assign and
otter run's grading (no Docker). The scripts they run are nbgrader_course.py and
otter_course.py beside this file.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_lessons
import export_graders
import graders_env
import navigation

SOURCES = build_lessons.sources()
# Exercise 1 answered with the library's Neuron, wrapped in a class of the notebook's own (so
# that it is "defined in the notebook" and no subclass): its check passes, the hidden
# own-work test must not.
LIBRARY_EXERCISE = """import neuron_lib


class MyNeuron:
    def __init__(self, n_inputs, rng=None):
        self.inner = neuron_lib.Neuron(n_inputs, rng=rng)
        self.weights, self.bias = self.inner.weights, self.inner.bias

    def activate(self, x):
        self.inner.weights, self.inner.bias = self.weights, self.bias
        return self.inner.activate(x)
"""


@pytest.fixture(scope="module")
def graders_python():
    return graders_env.python()


def _grade(graders_python, script, folder, tmp_path):
    results = tmp_path / "results.json"
    subprocess.run([str(graders_python), str(HERE / script), str(folder), str(results),
                    LIBRARY_EXERCISE], check=True, timeout=900, cwd=tmp_path,
                   env=graders_env.environment(graders_python, ROOT))
    return json.loads(results.read_text())


def _totals(grades):
    """{part: [score, max]} -> (score, max)."""
    return (sum(score for score, _ in grades.values()),
            sum(maximum for _, maximum in grades.values()))


def _assert_solved_full_blank_zero(results, part_names):
    names = [source.stem for source in SOURCES]
    assert sorted(results["solved"]) == sorted(results["blank"]) == names
    for name in names:
        score, maximum = _totals(results["solved"][name])
        assert score == maximum > 0, f"{name}, solutions: {results['solved'][name]}"
        assert _totals(results["blank"][name])[0] == 0, f"{name}, blank: {results['blank'][name]}"
        parts = export_graders.assignment(ROOT / "source" / f"{name}.ipynb")
        # Every quiz question is graded, each on its own.
        assert set(part_names(parts)) <= set(results["solved"][name]), name


def test_nbgrader_grades_solutions_full_blanks_zero_and_spots_the_library(
        graders_python, tmp_path):
    course = tmp_path / "course"
    export_graders.export_nbgrader(course, SOURCES)
    results = _grade(graders_python, "nbgrader_course.py", course, tmp_path)
    _assert_solved_full_blank_zero(
        results, lambda parts: [f"{quiz['name']}_test" for quiz in parts["quizzes"]])
    library = results["library"]["01_single_neuron"]
    # The lesson's check passes on neuron_lib.Neuron; the hidden own-work test does not.
    assert library["check"] == [3, 3]
    assert library["own_work"] == [0, 2]
    assert _totals(library)[0] == _totals(results["solved"]["01_single_neuron"])[0] - 2
    # The release hides the hidden tests and the solutions.
    release = (course / "release" / "01_single_neuron" / "01_single_neuron.ipynb").read_text()
    assert "issubclass" not in release and "rng.uniform(-1, 1, size=n_inputs)" not in release
    assert "library_calls" not in release
    assert "answer_key" not in release


def test_otter_grades_solutions_full_blanks_zero_and_spots_the_library(
        graders_python, tmp_path):
    folder = tmp_path / "otter"
    export_graders.export_otter(folder, SOURCES)
    results = _grade(graders_python, "otter_course.py", folder, tmp_path)
    _assert_solved_full_blank_zero(
        results, lambda parts: [quiz["name"] for quiz in parts["quizzes"]])
    library = results["library"]["01_single_neuron"]
    assert library["exercise"] == [3, 5]  # the visible check's 3 points, not the hidden 2
    # The learner's notebook that Otter Assign writes has the lesson's stubs, line for line.
    for source in SOURCES:
        student = json.loads(
            (folder / "dist" / source.stem / "student" / f"{source.stem}.ipynb").read_text())
        exercise = next(cell for cell in student["cells"] if cell["id"] == "exercise-solution")
        parts = export_graders.assignment(source)
        assert navigation.cell_text(exercise) == build_lessons.lesson_code(parts["exercise"])
        # Hidden tests and answers stay out of it, and nothing in it needs otter installed.
        text = "\n".join(navigation.cell_text(cell) for cell in student["cells"])
        assert "library_calls" not in text and "answer_key" not in text
        assert "import otter" not in text and "grader.check" not in text
