"""Lesson 02 (Activation functions): its quiz questions.

Options are alike in length and form; the reasons live in the feedback, and each wrong
option is a mistake learners really make.
"""

from .base import Option, Question

__all__ = ["dead_relu_question", "output_activation_question", "vanishing_gradient_question"]


def output_activation_question():
    """Lesson 02: which activation for the spam filter's output neuron."""
    return Question(
        "The spam filter's last neuron must output the probability that an email is spam. "
        "Which activation fits it best?",
        [
            Option("ReLU", False,
                   "ReLU's output has no upper limit: an email could come out as '7.3', "
                   "which is no probability. ReLU shines in hidden layers instead."),
            Option("tanh", False,
                   "tanh gives values in (−1, 1): negative numbers are no probabilities. "
                   "(0.5 · (tanh(z/2) + 1) would work, but that is exactly the sigmoid.)"),
            Option("sigmoid", True,
                   "Its output always lies in (0, 1) and crosses 0.5 at z = 0, so it reads "
                   "directly as a probability, and 0.5 is a natural threshold."),
            Option("leaky ReLU", False,
                   "Leaky ReLU's output is unbounded in both directions: neither negative "
                   "values nor values above 1 are probabilities."),
        ],
    )


def dead_relu_question():
    """Lesson 02: what a dead ReLU is."""
    return Question(
        "A ReLU neuron's weighted sum z is negative for every email it is shown while it "
        "learns. What happens to it?",
        [
            Option("Its output grows more and more negative as z falls further.", False,
                   "ReLU never outputs a negative number: for z < 0 the output is exactly 0. "
                   "(Leaky ReLU's output does go negative, slowly.)"),
            Option("Its output stays small but still changes a little from email to email.",
                   False,
                   "That is what a sigmoid does for negative z. ReLU is flat at exactly 0 for "
                   "every z < 0: every email gets the same output, 0. Compare both in the "
                   "explorer with a negative bias."),
            Option("Its slope of 0 only slows its learning; it soon recovers by itself.", False,
                   "Not by itself: training changes each incoming weight in proportion to the "
                   "slope, and a slope of exactly 0 changes it by exactly 0, at every step. (In "
                   "a deeper network a change in the layers before it can, rarely, push some z "
                   "above 0 again.)"),
            Option("It outputs 0 with slope 0 for every email, so its weights never change.",
                   True,
                   "For z < 0 both ReLU and its slope are exactly 0, so no email gives training "
                   "anything to change its weights with: the neuron is dead. (A neuron that "
                   "outputs 0 for only some emails is merely inactive for those, and still "
                   "learns from the others.) Leaky ReLU keeps a small slope α for z < 0, so such "
                   "a neuron can recover: compare them in the explorer with the slopes shown."),
        ],
    )


def vanishing_gradient_question():
    """Lesson 02: why the sigmoid's small slope matters in deep networks."""
    return Question(
        "The sigmoid's slope is at most 0.25 (at z = 0) and nearly 0 for |z| > 5. Why does "
        "this matter in a network with many layers?",
        [
            Option("The learning signal shrinks at each layer, so the first layers barely learn.",
                   True,
                   "Learning sends a signal back from the output, layer by layer, and each "
                   "sigmoid layer multiplies it by its slope, at most 0.25. Ten layers shrink it "
                   "at least a million times (0.25¹⁰ ≈ 0.000001) from the slopes alone; the "
                   "weights multiply it too. This is the vanishing gradient. ReLU's slope is 1 "
                   "wherever z > 0, one reason why hidden layers mostly use ReLU."),
            Option("The network's outputs become less accurate, even with the best weights.",
                   False,
                   "With the best weights, a sigmoid network computes its outputs exactly: the "
                   "slope does not enter the output at all. It matters for learning. (A "
                   "network that barely learns does end up less accurate, but because it never "
                   "found good weights.)"),
            Option("The signal grows at each layer, so the first layers' weights blow up.", False,
                   "That is the opposite trouble, an exploding signal, which large weights can "
                   "cause. Slopes of at most 0.25 shrink the signal at every sigmoid layer."),
            Option("It does not matter: only the output layer's slope affects learning.", False,
                   "Every layer's slope counts: the signal that reaches the first layer has "
                   "passed back through all the later ones, and each multiplied it by its "
                   "slope."),
        ],
    )
