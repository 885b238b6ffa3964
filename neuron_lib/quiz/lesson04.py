"""Lesson 04 (One neuron is not enough): its quiz questions.

Each distractor is a misconception learners really hold about hidden layers; the feedback
says why it fails, and the right option carries no explanation of its own.
"""

from .base import Option, Question

__all__ = [
    "equal_start_question",
    "linear_hidden_layer_question",
    "weight_shape_question",
    "zero_start_question",
]


def linear_hidden_layer_question():
    """Lesson 04: can a hidden layer without an activation solve XOR?"""
    return Question(
        "A network has 2 inputs, a hidden layer of 10 neurons with no activation at all (each "
        "passes on its weighted sum z unchanged) and one sigmoid output neuron. Can it solve "
        "XOR?",
        [
            Option("Yes: ten hidden neurons draw ten lines, enough to fence off the corners.",
                   False,
                   "Each hidden neuron does compute a line, but without an activation the "
                   "output neuron only adds their weighted sums up: (XW₁ + b₁)W₂ + b₂ = "
                   "X(W₁W₂) + (b₁W₂ + b₂), one linear function of x. Ten lines added up are "
                   "one line (section 4 draws it)."),
            Option("No: the two layers together act as one neuron, whose boundary is one "
                   "straight line.", True,
                   "Right. XW₁ + b₁ followed by HW₂ + b₂ collapses to one weight vector "
                   "W₁W₂ and one bias b₁W₂ + b₂: a single neuron, which gets at most three of "
                   "XOR's four clusters right. The hidden activation is what bends the "
                   "boundary."),
            Option("Yes: the output's sigmoid is nonlinear, and that is enough to bend the "
                   "boundary.", False,
                   "The sigmoid bends the values (it squashes z into (0, 1)), not the "
                   "boundary: ŷ = 0.5 exactly where z = 0, and z is still linear in x. The "
                   "nonlinearity has to act before the last weighted sum, in the hidden "
                   "layer."),
            Option("Only with at least four hidden neurons, one for each corner of XOR.",
                   False,
                   "Size does not help a linear hidden layer: any number of neurons without "
                   "an activation collapses into one linear map. With an activation, two "
                   "hidden neurons are enough (the demo in section 3)."),
        ],
    )


def equal_start_question():
    """Lesson 04: do two hidden neurons that start equal drift apart in training?"""
    return Question(
        "Two hidden neurons start with exactly the same weights and bias, and the output "
        "neuron gives both the same weight. Full-batch gradient descent runs for 1,000 "
        "epochs. What happens to the two hidden neurons?",
        [
            Option("They drift apart by themselves, because each one sees different samples.",
                   False,
                   "Every hidden neuron sees every sample: they share the inputs X. Same "
                   "inputs and same weights give the same outputs, and so the same gradients."),
            Option("They stay identical for good: at every step both get the same update.",
                   True,
                   "Right. They compute the same output and the output neuron treats them "
                   "alike, so the error reaches both in the same way; equal updates keep "
                   "them equal. Two neurons that act as one: in the symmetry demo their "
                   "lines stay on top of each other. Random starts, or a tiny nudge, break "
                   "the tie."),
            Option("They drift apart as soon as the learning rate is large enough.", False,
                   "The learning rate scales both updates by the same factor: equal updates "
                   "stay equal, however large (a too-large rate only makes both overshoot "
                   "together)."),
            Option("One of them switches off, so that the other can do all the work.", False,
                   "Nothing in gradient descent makes identical neurons compete: they get "
                   "identical updates, so neither can switch off unless both do."),
        ],
    )


def zero_start_question():
    """Lesson 04: what training does from all-zero weights with tanh hidden neurons."""
    return Question(
        "A network with a tanh hidden layer starts with every weight and bias at 0. What "
        "does gradient descent do to it?",
        [
            Option("It learns normally: lesson 03 showed that a neuron learns from zeros.",
                   False,
                   "That was a single neuron, whose gradient Xᵀ(ŷ − y)/n is not zero. Here "
                   "tanh(0) = 0, so every hidden output is 0 and the output weights get no "
                   "gradient; and with output weights of 0, no error reaches the hidden "
                   "weights either."),
            Option("The hidden neurons learn, but all alike, as they do from equal weights.",
                   False,
                   "That is what happens from equal non-zero weights, or from zeros with "
                   "sigmoid hidden neurons (σ(0) = 0.5 is not 0). With tanh it is worse: "
                   "tanh(0) = 0, so not even the output weights get a gradient."),
            Option("Only the output bias changes; every weight stays exactly at 0.", True,
                   "Right. tanh(0) = 0 makes H = 0, and the output weights' gradient is "
                   "proportional to H, so it is 0; W₂ = 0 passes no error back, so the "
                   "hidden weights' gradient is 0 too. Only b₂ can move, until σ(b₂) is the "
                   "share of class 1 (with equal shares, as in the demo's XOR, not even b₂ "
                   "moves). Zeros are a standstill: panel (b) of the symmetry demo never "
                   "moves."),
            Option("It diverges: the weights grow larger at every step.", False,
                   "Nothing grows: every weight's gradient is exactly 0, so the weights stay "
                   "at 0 for good. Only the output bias moves a little."),
        ],
    )


def weight_shape_question():
    """Lesson 04: the shape of the output layer's weights."""
    return Question(
        "X holds 200 samples with 2 inputs each, shape (200, 2), and W₁ has shape (2, 3). "
        "What shape must W₂ have so that HW₂ gives one output per sample?",
        [
            Option("(3, 1)", True,
                   "Right. H = f(XW₁ + b₁) is (200, 3), one column per hidden neuron, and "
                   "(200, 3) @ (3, 1) is (200, 1): one output per sample. A weight matrix "
                   "has one row per input it receives and one column per neuron."),
            Option("(1, 3)", False,
                   "(200, 3) @ (1, 3) fails: the inner sizes, 3 and 1, must match. (1, 3) is "
                   "W₂ transposed; the course keeps every weight matrix as (inputs, "
                   "neurons), so no transpose is needed."),
            Option("(2, 1)", False,
                   "W₂ receives the hidden layer, not the inputs: it needs one row per "
                   "hidden neuron (3), not one per input (2)."),
            Option("(200, 3)", False,
                   "Weights do not depend on how many samples there are: the same W₂ serves "
                   "any batch. (200, 3) is the shape of H itself."),
        ],
    )
