"""Lesson 05 (Backpropagation, checked by numbers): its quiz questions.

Every wrong option is a misconception learners really hold (several of them once held by
this course itself, see lesson 02's note on saturated neurons); the right option is no longer
than the others, and the reasons live in the feedback.
"""

from .base import Option, Question

__all__ = [
    "confident_mistake_question",
    "gradient_check_question",
    "gradient_shape_question",
    "saturation_question",
]


def confident_mistake_question():
    """Lesson 05: which loss pushes a confidently wrong sigmoid output harder."""
    return Question(
        "A sigmoid output neuron says ŷ = 0.01 for an email that is spam (y = 1). Which loss "
        "gives its weighted sum z the stronger push, that is the larger |dℓ/dz|?",
        [
            Option("Squared error, because it punishes large errors the most.", False,
                   "Its value does grow with the error, but its slope passes through the "
                   "sigmoid: dℓ/dz = (ŷ − y)·ŷ(1 − ŷ) ≈ −0.99 × 0.0099 ≈ −0.0098 (for "
                   "ℓ = ½(ŷ − y)²). The flat tail of the sigmoid smothers the push."),
            Option("Cross-entropy, because the sigmoid's slope cancels out.", True,
                   "dℓ/dz = ŷ − y = −0.99, about a hundred times squared error's −0.0098. "
                   "The 1/(ŷ(1 − ŷ)) in cross-entropy's slope cancels the sigmoid's "
                   "ŷ(1 − ŷ): the more wrong the neuron, the harder the push."),
            Option("Neither: a saturated sigmoid has a slope near 0.", False,
                   "That is true of a saturated hidden neuron, or of an output trained with "
                   "squared error. With cross-entropy the output's slope cancels: "
                   "dℓ/dz = ŷ − y = −0.99, close to the largest push there is."),
            Option("Both alike: each loss's gradient is just ŷ − y.", False,
                   "Only cross-entropy's is. Squared error's gradient for z keeps the "
                   "sigmoid's slope: (ŷ − y)·ŷ(1 − ŷ), a hundred times smaller here."),
        ],
    )


def gradient_shape_question():
    """Lesson 05: the shape of a weight matrix's gradient over a batch."""
    return Question(
        "A batch X has shape (100, 6): 100 emails, 6 features. The hidden layer has 16 "
        "neurons, so W₁ has shape (6, 16). What shape does ∂L/∂W₁ = Xᵀδ/n have?",
        [
            Option("(100, 16): one gradient row for every email.", False,
                   "That is the shape of δ, one error per email and neuron. Xᵀδ sums over "
                   "the emails (the shared index of length 100) and /n makes that sum a "
                   "mean, so the batch disappears from the shape."),
            Option("(6, 16), one number per weight, like W₁.", True,
                   "Xᵀ (6, 100) times δ (100, 16) gives (6, 16). A gradient always has "
                   "the shape of what it is the gradient of: entry [i, j] says how the "
                   "loss changes with the weight from input i to neuron j."),
            Option("(16, 6), because backpropagation runs backwards.", False,
                   "The direction of travel does not flip the weights. Xᵀδ gives (6, 16), "
                   "the shape of W₁; δᵀX would give its transpose, and then "
                   "W₁ − η·gradient would not even fit."),
            Option("(100, 6), the shape of the inputs X.", False,
                   "That would be the gradient with respect to the inputs, δW₁ᵀ, which a "
                   "layer passes further back. The weights' gradient pairs inputs with "
                   "errors: Xᵀδ, shape (6, 16)."),
        ],
    )


def gradient_check_question():
    """Lesson 05: reading a gradient check's relative errors."""
    return Question(
        "A gradient check of a tanh network (float64) reports a relative error of 3e-2 for "
        "W₁ and below 1e-8 for b₁, W₂ and b₂. What do you conclude?",
        [
            Option("All is fine: central differences are only estimates.", False,
                   "They are estimates, but very good ones: in float64 a right gradient "
                   "agrees to about 1e-7 or better, as the other three arrays show. 3e-2 "
                   "means the formula for W₁ is wrong."),
            Option("The step h is too large; shrink it until they agree.", False,
                   "The same h gives below 1e-8 for the other arrays, so h is fine. "
                   "Shrinking it far does not help either: rounding errors grow as h "
                   "shrinks."),
            Option("The backward pass has a bug that touches W₁ only.", True,
                   "Above about 1e-4 a gradient is wrong, and only W₁'s is. b₁'s is right, so "
                   "the hidden layer's δ is very likely right too: look at the line for W₁ "
                   "itself, for a missing /n or a wrong transpose."),
            Option("tanh has a kink at 0 that upsets the check.", False,
                   "tanh is smooth everywhere; ReLU is the one with a kink, and the check "
                   "warns when a ReLU input sits within h of it. Here something is wrong "
                   "in the code."),
        ],
    )


def saturation_question():
    """Lesson 05: why U[−1, 1] weights make a wide sigmoid layer learn slowly."""
    return Question(
        "A sigmoid hidden layer gets 64 standardised inputs, with weights drawn from "
        "U[−1, 1]. It learns very slowly. What is the main reason?",
        [
            Option("Weights below 1 are too small to carry the signal.", False,
                   "The opposite: 64 inputs add up. Each z sums 64 terms, so its standard "
                   "deviation is about √(64/3) ≈ 4.6, far out on the sigmoid's flat tails."),
            Option("Cross-entropy cancels the sigmoid's slope, so lr is too small.", False,
                   "The cancellation happens at the output neuron only. A hidden neuron's "
                   "δ is multiplied by its own σ′(z), and σ′ is below 0.01 for about a "
                   "quarter of these neurons."),
            Option("Many sums z land where the slope σ′(z) is below 0.01.", True,
                   "With z's standard deviation near 4.6, about a quarter of the hidden "
                   "outputs sit on the flat tails and pass almost no gradient back. Xavier "
                   "scales the weights by about 1/√(fan in), which keeps z near 1."),
            Option("Uniform weights are too regular; normal ones would fix it.", False,
                   "The shape of the distribution matters little, its width matters: "
                   "N(0, 1) weights would be even wider. Scale them by about 1/√64 and "
                   "either shape works."),
        ],
    )
