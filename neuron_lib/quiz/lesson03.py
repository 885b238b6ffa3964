"""Lesson 03 (Training a neuron): its quiz questions."""

from .base import Option, Question

__all__ = ["step_too_long_question", "held_out_question", "false_positive_question"]


def step_too_long_question():
    """Lesson 03: what a rising loss during gradient descent means."""
    return Question(
        "You take one gradient-descent step and the loss goes UP. What is the most likely "
        "cause?",
        [
            Option("The learning rate is too large: the step jumped over the bottom of the "
                   "valley and landed higher on the other side.", True,
                   "The gradient only says which way is downhill near w; a long step "
                   "can overshoot. Halve η and try again (the gradient-descent demo shows "
                   "it with η = 40)."),
            Option("The gradient points the wrong way.", False,
                   "The gradient always points uphill, so −gradient is downhill near w. "
                   "Close to w the step does lower the loss; a step that is too long can "
                   "still end higher."),
            Option("The data has too few emails.", False,
                   "The amount of data changes the shape of the loss curve, not whether "
                   "one step goes up. That is the step length, η × slope."),
            Option("The loss always goes up first and down later.", False,
                   "With a small enough learning rate, full-batch gradient descent lowers "
                   "the loss at every step."),
        ],
    )


def held_out_question():
    """Lesson 03: why accuracy is measured on held-out emails."""
    return Question(
        "Why do we measure accuracy on emails the neuron never trained on?",
        [
            Option("Because training on all the emails would take too long.", False,
                   "Training on all 4,601 emails takes well under a second. We hold some "
                   "back for an honest test, not for speed."),
            Option("Because a model can fit its training emails better than it will do on "
                   "new ones; only unseen emails estimate how it does in real use.", True,
                   "Here the two accuracies are close (a single neuron has only a "
                   "few parameters), but with bigger models the gap can be large."),
            Option("Because the held-out emails are the hard ones.", False,
                   "The split is random (and stratified: the same share of spam in both), "
                   "so held-out emails are no harder than the others."),
            Option("Because the neuron's accuracy on training emails is always 100%.", False,
                   "Far from it: about 86% here. No straight line separates all spam "
                   "from all ham in these features."),
        ],
    )


def false_positive_question():
    """Lesson 03: which mistake of a spam filter costs more."""
    return Question(
        "A spam filter can wrongly send a real email to the spam folder (a false positive) "
        "or let a spam email through (a false negative). Which usually costs the user more?",
        [
            Option("The false positive: a job offer or a bill lost in the spam folder can "
                   "go unseen for weeks.", True,
                   "So spam filters favour precision (few false positives) over "
                   "recall. Raising the threshold above 0.5 calls fewer emails spam: "
                   "fewer false positives, more spam let through."),
            Option("The false negative: every spam that gets through is a security risk.",
                   False,
                   "A spam in the inbox costs a second to delete; a lost real email can cost "
                   "far more. (Phishing filters may weigh this differently.)"),
            Option("They cost the same, which is why accuracy is the right measure.", False,
                   "Accuracy counts both mistakes alike; that is exactly why precision and "
                   "recall are reported beside it."),
        ],
    )
