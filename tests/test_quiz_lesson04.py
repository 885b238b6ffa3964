"""Lesson 04's quiz: one right option each, feedback everywhere, no length give-away."""

import re

import pytest

from neuron_lib import quiz

QUESTIONS = [quiz.linear_hidden_layer_question, quiz.equal_start_question,
             quiz.zero_start_question, quiz.weight_shape_question]


@pytest.mark.parametrize("make_question", QUESTIONS)
def test_one_right_option_and_real_feedback_on_every_option(make_question):
    question = make_question()
    assert sum(option.correct for option in question.options) == 1
    assert len(question.options) == 4
    for index, option in enumerate(question.options):
        assert len(option.feedback) > 80, f"feedback too thin for {option.text!r}"
        correct, feedback = question.answer(index)
        assert (correct, feedback) == (option.correct, option.feedback)
        # The right answer's feedback starts by saying so; a wrong one never does.
        assert feedback.startswith("Right.") == option.correct


@pytest.mark.parametrize("make_question", QUESTIONS)
def test_the_right_option_is_not_given_away_by_its_length(make_question):
    question = make_question()
    right = next(option for option in question.options if option.correct)
    others = [len(option.text) for option in question.options if not option.correct]
    assert len(right.text) <= 1.5 * sum(others) / len(others)
    # Nor by being the only one that explains itself.
    assert "(" not in right.text or make_question is quiz.weight_shape_question


def test_right_answers_are_not_always_in_the_same_place():
    positions = {next(i for i, o in enumerate(q().options) if o.correct) for q in QUESTIONS}
    assert len(positions) >= 3


def test_linear_hidden_layer_question_says_the_layers_collapse():
    question = quiz.linear_hidden_layer_question()
    correct, feedback = question.answer("B")
    assert correct and "W₁W₂" in feedback
    # The common misconception, "the output sigmoid bends it", is answered with why not.
    correct, feedback = question.answer("C")
    assert not correct and "z = 0" in feedback


def test_equal_start_question_rejects_drifting_apart():
    question = quiz.equal_start_question()
    assert question.answer("B")[0]
    for letter in "ACD":
        assert not question.answer(letter)[0]
    assert "drift apart" in question.options[0].text


def test_zero_start_question_names_the_standstill_and_the_sigmoid_difference():
    question = quiz.zero_start_question()
    correct, feedback = question.answer("C")
    assert correct and "tanh(0) = 0" in feedback
    assert "σ(0) = 0.5" in question.answer("B")[1]


def test_weight_shape_question_options_are_shapes():
    question = quiz.weight_shape_question()
    assert all(re.fullmatch(r"\(\d+, \d+\)", option.text) for option in question.options)
    assert question.answer("A") == (True, question.options[0].feedback)


def test_questions_show_as_text_without_a_kernel():
    text = quiz.linear_hidden_layer_question().text()
    assert "no activation" in text and "A. Yes: ten hidden neurons" in text
