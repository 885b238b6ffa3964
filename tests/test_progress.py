"""Progress kept on the learner's disk: recorded, shown, reset; never breaks a lesson."""

import json
import multiprocessing
import os

import pytest

from neuron_lib import progress


@pytest.fixture
def progress_path(tmp_path, monkeypatch):
    path = tmp_path / "course" / progress.FILE_NAME
    monkeypatch.setenv("NEURON_LIB_PROGRESS", str(path))
    return path


def test_answers_and_checks_are_recorded_per_lesson(progress_path):
    progress.record_answer("01", "bias_question", "A", False)
    progress.record_answer("01", "bias_question", "B", True)
    progress.record_check("01", "check_neuron_class", passed=False, unfinished=True)
    progress.record_check("01", "check_neuron_class", passed=True)
    data = json.loads(progress_path.read_text())
    quiz = data["lessons"]["01"]["quiz"]["bias_question"]
    assert quiz == {"attempts": 2, "first_answer": "A", "answer": "B", "correct": True,
                    "ever_correct": True}
    check = data["lessons"]["01"]["exercise"]["check_neuron_class"]
    assert check == {"runs": 1, "passed": True, "ever_passed": True}


def test_the_table_counts_right_answers_and_passing_checks_of_every_lesson(progress_path):
    progress.record_answer("01", "bias_question", "B", True)
    progress.record_answer("01", "initialisation_question", "A", False)
    progress.record_check("02", "check_leaky_relu", passed=True)
    rows = {row[0]: row[1:] for row in progress.table().rows}
    assert rows["01"][:2] == (1, 2) and rows["01"][2] == 0
    assert rows["02"][2:] == (1, 1)
    assert set(rows) >= {"01", "02", "03"}  # every lesson with questions or checks
    shown = progress.table()._repr_html_()
    assert "<td>01</td><td>1 of 2</td>" in shown and "only on this computer" in shown


def test_reset_deletes_the_file_and_says_so(progress_path):
    assert "nothing to reset" in progress.reset()
    progress.record_answer("01", "bias_question", "B", True)
    assert "deleted" in progress.reset()
    assert not progress_path.exists()
    assert all(row[1] == 0 and row[3] == 0 for row in progress.table().rows)


def test_a_corrupt_file_is_set_aside_and_a_fresh_one_started(progress_path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text('{"lessons": {"01": ')  # cut off mid-write
    progress.table()  # reading never raises
    progress.record_answer("01", "bias_question", "B", True)
    assert json.loads(progress_path.read_text())["lessons"]["01"]["quiz"]
    assert list(progress_path.parent.glob(f"{progress.FILE_NAME}.corrupt-*"))
    progress_path.write_text("[1, 2, 3]")  # valid JSON, wrong shape
    progress.record_check("02", "check_leaky_relu", passed=False)
    assert json.loads(progress_path.read_text())["lessons"]["02"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_never_breaks_a_lesson(tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("NEURON_LIB_PROGRESS", str(folder / progress.FILE_NAME))
    progress.record_answer("01", "bias_question", "B", True)
    assert progress.table().rows


def test_a_folder_in_the_files_place_is_set_aside_too(tmp_path, monkeypatch):
    (tmp_path / progress.FILE_NAME).mkdir()
    monkeypatch.setenv("NEURON_LIB_PROGRESS", str(tmp_path / progress.FILE_NAME))
    progress.record_answer("01", "bias_question", "B", True)
    assert progress.table().rows[0][1] == 1
    assert "deleted" in progress.reset()


def test_switched_off_records_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("NEURON_LIB_PROGRESS", "off")
    monkeypatch.chdir(tmp_path)
    progress.record_answer("01", "bias_question", "B", True)
    assert not list(tmp_path.iterdir())
    assert "not recorded" in progress.table().text()


def test_the_file_sits_beside_the_course_map_for_lessons_and_solutions(tmp_path, monkeypatch):
    monkeypatch.delenv("NEURON_LIB_PROGRESS", raising=False)
    (tmp_path / "00_course_map.ipynb").write_text("{}")
    (tmp_path / "solutions").mkdir()
    monkeypatch.chdir(tmp_path / "solutions")
    assert progress.progress_file() == tmp_path / progress.FILE_NAME
    monkeypatch.chdir(tmp_path)
    assert progress.progress_file() == tmp_path / progress.FILE_NAME


def _answer_many(path, lesson, n):
    os.environ["NEURON_LIB_PROGRESS"] = path
    for _ in range(n):
        progress.record_answer(lesson, "bias_question", "B", True)


def test_several_lessons_writing_at_once_lose_no_answer(progress_path):
    """Four kernels (processes) record 25 answers each at the same time: all 100 count."""
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_answer_many, args=(str(progress_path), f"0{i}", 25))
               for i in range(1, 5)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    data = json.loads(progress_path.read_text())
    assert [data["lessons"][f"0{i}"]["quiz"]["bias_question"]["attempts"]
            for i in range(1, 5)] == [25] * 4


def test_a_lessons_question_records_its_answer_and_a_check_its_result(progress_path):
    from neuron_lib import Neuron, exercises, quiz

    question = quiz.bias_question()
    assert question.progress_key == ("01", "bias_question")
    wrong = next(letter for letter in "ABCD" if letter not in question.answer_key)
    question.answer(wrong)
    question.answer(question.answer_key[0])
    report = exercises.check_neuron_class(Neuron)
    assert report.passed
    lesson = json.loads(progress_path.read_text())["lessons"]["01"]
    assert lesson["quiz"]["bias_question"]["attempts"] == 2
    assert lesson["quiz"]["bias_question"]["correct"] is True
    assert lesson["exercise"]["check_neuron_class"]["passed"] is True
    row = next(row for row in progress.table().rows if row[0] == "01")
    assert row[1] == 1 and row[3] == 1


def test_a_question_built_by_hand_records_nothing(progress_path):
    from neuron_lib.quiz import Option, Question

    Question("2 + 2?", [Option("4", True, "Yes."), Option("5", False, "No.")]).answer("A")
    assert not progress_path.exists()
