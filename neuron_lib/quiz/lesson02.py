"""Lesson 02 (Activation functions): its quiz questions."""

from .base import Option, Question

__all__ = ["output_activation_question", "dead_relu_question", "vanishing_gradient_question"]


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
        "A ReLU neuron's weighted sum z is negative for every email in the training set. "
        "What happens to it?",
        [
            Option("Its output grows more and more negative.", False,
                   "ReLU never outputs a negative number: for z < 0 the output is exactly 0."),
            Option("It outputs 0 for every email, and its slope is 0 too, so gradient descent "
                   "gets no signal to change its weights: the neuron is 'dead'.", True,
                   "Leaky ReLU keeps a small slope α for z < 0, so such a neuron "
                   "can still recover. Try it in the explorer with derivatives shown."),
            Option("It behaves like a sigmoid for those emails.", False,
                   "For z < 0 ReLU is flat at 0, not an S-curve: compare both in the "
                   "explorer with a negative bias."),
            Option("Nothing special: a slope of 0 only slows learning down a little.", False,
                   "A slope of exactly 0 stops learning altogether for that neuron, since "
                   "every weight update is multiplied by the slope."),
        ],
    )


def vanishing_gradient_question():
    """Lesson 02: why the sigmoid's small slope matters in deep networks."""
    return Question(
        "The sigmoid's slope is at most 0.25 (at z = 0) and nearly 0 for |z| > 5. Why does "
        "this matter in a network with many layers?",
        [
            Option("Training multiplies one slope per layer, so with sigmoids the signal that "
                   "reaches the first layers loses a factor of 4 or more per layer from the "
                   "slopes alone: they barely learn (the 'vanishing gradient').", True,
                   "Ten layers give at most 0.25¹⁰ ≈ 1e-6. ReLU's slope is 1 for "
                   "z > 0, which is why hidden layers mostly use ReLU."),
            Option("It makes the network's outputs less accurate.", False,
                   "The sigmoid computes its outputs exactly; the slope matters for "
                   "learning, not for the forward pass."),
            Option("It makes the sigmoid slow to compute.", False,
                   "Computing the slope, σ(z)(1 − σ(z)), is as cheap as computing σ itself."),
            Option("It does not matter: only the output layer's slope counts.", False,
                   "Every layer's slope enters the chain rule that carries the error back to "
                   "the first layer."),
        ],
    )
