"""Lesson 03's quiz: options of one form and length, misconceptions as distractors, and
every number a question or its feedback quotes recomputed from the library."""

import math

import numpy as np
import pytest

from neuron_lib import Neuron, quiz
from neuron_lib.datasets import load_spam_split
from neuron_lib.quiz import lesson03
from neuron_lib.training import train

QUESTIONS = [getattr(lesson03, name) for name in lesson03.__all__]


@pytest.mark.parametrize("make_question", QUESTIONS, ids=lesson03.__all__)
def test_one_right_option_no_longer_than_the_others(make_question):
    question = make_question()
    right = [option for option in question.options if option.correct]
    others = [len(option.text) for option in question.options if not option.correct]
    assert len(right) == 1
    # The house rule is 1.5x the mean of the others; these stay within 1.2x.
    assert len(right[0].text) <= 1.2 * np.mean(others), right[0].text
    assert min(others) >= 0.8 * len(right[0].text)


@pytest.mark.parametrize("make_question", QUESTIONS, ids=lesson03.__all__)
def test_reasons_live_in_the_feedback(make_question):
    for option in make_question().options:
        assert len(option.feedback) > 120, option.text
        assert len(option.text) < 70, "an option that explains itself gives the answer away"


@pytest.mark.parametrize("make_question", QUESTIONS, ids=lesson03.__all__)
def test_no_dollar_sign_that_a_math_renderer_would_eat(make_question):
    """JupyterLab typesets $...$ in HTML outputs: two dollar signs would become maths."""
    question = make_question()
    texts = [question.prompt] + [o.text for o in question.options] + [
        o.feedback for o in question.options]
    assert not any("$" in text for text in texts)


def test_right_answers_are_not_always_in_the_same_place():
    places = [next(i for i, o in enumerate(q().options) if o.correct) for q in QUESTIONS]
    assert len(set(places)) >= 3, places


def test_every_lesson_03_question_is_public():
    for name in lesson03.__all__:
        exported = getattr(quiz, name)  # wrapped, to record answers (neuron_lib.progress)
        assert getattr(exported, "__wrapped__", exported) is getattr(lesson03, name)


@pytest.mark.parametrize(("make_question", "misconception"), [
    (lesson03.saturated_output_question, "the sigmoid is flat there"),
    (lesson03.weight_importance_question, "became less important"),
    (lesson03.held_out_question, "The test emails"),
    (lesson03.step_too_long_question, "The gradient points uphill"),
])
def test_the_named_misconception_is_a_wrong_option(make_question, misconception):
    question = make_question()
    option = next(o for o in question.options if misconception in o.text)
    assert not option.correct


def test_saturated_output_numbers():
    y_hat = 0.01
    assert y_hat - 1 == pytest.approx(-0.99)
    assert y_hat * (1 - y_hat) == pytest.approx(0.0099)
    assert -math.log(y_hat) == pytest.approx(4.6, abs=0.01)
    question = quiz.saturated_output_question()
    assert question.answer("D")[0] and not question.answer("A")[0]


def test_the_weights_and_correlations_the_importance_question_quotes():
    X_train, _, _, y_train, _, _ = load_spam_split(validation_size=0.25)
    dollar = 1  # columns: crl.tot, dollar, bang, money, n000, make
    weights = []
    for columns in ([dollar], [dollar, 2], list(range(6))):
        neuron = Neuron(len(columns), rng=0)
        train(neuron, X_train[:, columns], y_train, lr=1.0, epochs=500)
        weights.append(round(float(neuron.weights[columns.index(dollar)]), 2))
    assert weights == [2.89, 2.65, 1.52]
    prompt = quiz.weight_importance_question().prompt
    assert "2.89" in prompt and "2.65" in prompt and "1.52" in prompt
    correlations = np.corrcoef(X_train.T)[dollar, [0, 3, 4]]  # capitals, money, n000
    assert correlations.round(2).min() == 0.24 and correlations.round(2).max() == 0.43
