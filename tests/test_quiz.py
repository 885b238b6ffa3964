"""Multiple-choice questions: every option gives feedback, and the widget shows it."""

import numpy as np
import pytest

from neuron_lib import quiz
from neuron_lib.quiz import Option, Question

LESSON_QUESTIONS = [quiz.bias_question, quiz.initialisation_question,
                    quiz.output_activation_question, quiz.dead_relu_question,
                    quiz.vanishing_gradient_question, quiz.step_too_long_question,
                    quiz.held_out_question, quiz.false_positive_question]


@pytest.mark.parametrize("make_question", LESSON_QUESTIONS)
def test_lesson_questions_have_one_right_answer_and_feedback_everywhere(make_question):
    question = make_question()
    assert sum(option.correct for option in question.options) == 1
    for option in question.options:
        assert len(option.feedback) > 40, f"feedback too thin for {option.text!r}"


def test_bias_question_right_answer_is_about_shifting():
    correct, feedback = quiz.bias_question().answer("B")
    assert correct and "bias" in feedback.lower()
    assert quiz.bias_question().answer("C") == (False, quiz.bias_question().options[2].feedback)


def test_initialisation_question_right_answer_is_symmetry():
    question = quiz.initialisation_question()
    right = next(i for i, option in enumerate(question.options) if option.correct)
    assert "symmetry" in question.options[right].text
    assert question.answer(right)[0]
    assert not question.answer("D")[0]


def test_clicking_a_button_shows_that_options_feedback():
    question = quiz.bias_question()
    question.widget  # build it, as displaying does
    question.buttons[0].click()
    assert "Not quite" in question.feedback.value
    assert question.options[0].feedback in question.feedback.value
    assert question.buttons[0].button_style == "danger"
    question.buttons[1].click()
    assert "Right" in question.feedback.value
    assert question.buttons[1].button_style == "success"
    assert question.buttons[0].button_style == ""
    assert question.selected == 1


def test_text_and_html_list_every_option():
    question = quiz.initialisation_question()
    for letter, option in zip("ABCD", question.options):
        assert f"{letter}. {option.text}" in question.text()
        assert option.text in question.html()


def test_numpy_integers_are_valid_choices():
    assert quiz.bias_question().answer(np.int64(1))[0]


@pytest.mark.parametrize("choice", ["E", "AB", 4, -1, None, True, 1.0])
def test_bad_choice_is_refused(choice):
    with pytest.raises(ValueError, match="choice must be a letter from A, B, C, D"):
        quiz.bias_question().answer(choice)


def test_question_needs_a_right_option_and_two_to_eight_options():
    with pytest.raises(ValueError, match="at least one correct option"):
        Question("?", [Option("a", False, "x"), Option("b", False, "y")])
    with pytest.raises(ValueError, match="2 to 8 options, got 1"):
        Question("?", [Option("a", True, "x")])
