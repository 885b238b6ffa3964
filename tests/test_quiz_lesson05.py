"""Lesson 05's quiz: one right option each, feedback everywhere, no give-away lengths, and
the numbers the feedback quotes are the numbers the maths gives."""

import math

import numpy as np
import pytest

from neuron_lib import quiz

QUESTIONS = [quiz.confident_mistake_question, quiz.gradient_shape_question,
             quiz.gradient_check_question, quiz.saturation_question]


@pytest.mark.parametrize("make_question", QUESTIONS)
def test_one_right_option_and_real_feedback_on_every_option(make_question):
    question = make_question()
    assert sum(option.correct for option in question.options) == 1
    assert len(question.options) == 4
    for letter, option in zip("ABCD", question.options):
        correct, feedback = question.answer(letter)
        assert correct == option.correct
        assert len(feedback) > 80, f"feedback too thin for {option.text!r}"
        assert feedback != option.text


@pytest.mark.parametrize("make_question", QUESTIONS)
def test_the_right_option_is_not_the_give_away_longest(make_question):
    options = make_question().options
    right = next(len(option.text) for option in options if option.correct)
    others = [len(option.text) for option in options if not option.correct]
    assert right <= 1.5 * sum(others) / len(others)


def test_the_right_answers_are_not_always_in_the_same_place():
    places = {next(i for i, option in enumerate(make().options) if option.correct)
              for make in QUESTIONS}
    assert len(places) >= 2


def test_confident_mistake_numbers():
    # y = 1, ŷ = 0.01: cross-entropy's dℓ/dz = ŷ − y = −0.99; squared error ½(ŷ − y)²
    # gives (ŷ − y)·ŷ(1 − ŷ) = −0.99 · 0.01 · 0.99 = −0.009801, about 100 times smaller.
    y_hat = 0.01
    cross_entropy, squared = y_hat - 1, (y_hat - 1) * y_hat * (1 - y_hat)
    assert round(squared, 4) == -0.0098
    assert 90 < cross_entropy / squared < 110
    question = quiz.confident_mistake_question()
    assert "−0.0098" in question.options[0].feedback
    right = next(option for option in question.options if option.correct)
    assert "−0.99" in right.feedback and "hundred" in right.feedback


def test_gradient_shape_numbers():
    X, delta = np.zeros((100, 6)), np.zeros((100, 16))
    assert (X.T @ delta / 100).shape == (6, 16)
    right = next(option for option in quiz.gradient_shape_question().options if option.correct)
    assert "(6, 16)" in right.text


def test_saturation_numbers():
    # 64 terms, each of variance 1/3 (U[−1, 1]) times 1 (standardised): std √(64/3) = 4.62.
    assert round(math.sqrt(64 / 3), 1) == 4.6
    question = quiz.saturation_question()
    assert "4.6" in question.options[0].feedback
    right = next(option for option in question.options if option.correct)
    assert "a quarter" in right.feedback and "0.01" in right.text
