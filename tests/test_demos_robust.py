"""The demos under hostile input (review C10, C11, C13, C14, H4, U4): NaN and inf sent to a
slider from code, arguments that used to give raw errors, and re-running a demo cell, which
must free the old demo (widgets, toolbar, figure) with a real ipympl canvas."""

import gc
import math
import weakref

import pytest
from ipywidgets.widgets import widget as widget_module
from traitlets import TraitError

from neuron_lib import demos

DEMOS = {
    "neuron_explorer": lambda interactive: demos.neuron_explorer(rng=0, interactive=interactive),
    "activation_explorer": lambda interactive: demos.activation_explorer(
        ["sigmoid", "relu", "tanh", "leaky_relu"], show_derivatives=True,
        interactive=interactive),
    "two_input_explorer": lambda interactive: demos.two_input_explorer(interactive=interactive),
    "gradient_descent_explorer": lambda interactive: demos.gradient_descent_explorer(
        interactive=interactive),
    "training_explorer": lambda interactive: demos.training_explorer(interactive=interactive),
}


def live_widgets():
    return len(widget_module._instances)


def resident_memory():
    """This process's resident memory in bytes (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


# --- C13: NaN and inf from code ------------------------------------------------------------


@pytest.mark.parametrize("name", list(DEMOS))
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_a_non_finite_slider_value_is_refused_and_the_demo_keeps_working(name, bad):
    """C13: NaN broke the demo until the slider was reset (every later move raised)."""
    demo = DEMOS[name](False)
    try:
        for slider in demo.sliders():
            if not isinstance(slider, demos.base.FiniteSlider):
                continue  # the epochs slider holds integers: NaN cannot reach it
            before, text_before = slider.value, demo.text()
            with pytest.raises(TraitError, match=rf"takes finite numbers from .* got {bad}\. It "
                                                 r"keeps its value"):
                slider.value = bad
            assert slider.value == before and demo.text() == text_before
            for other in demo.sliders():  # every slider still moves the demo
                other.value = other.min if other.value != other.min else other.max
            assert "nan" not in demo.text().lower()
    finally:
        demo.close()


def test_values_beyond_a_slider_are_still_clamped():
    demo = demos.neuron_explorer(interactive=False)
    demo.bias_slider.value = 1e308
    assert demo.bias_slider.value == demo.bias_slider.max
    demo.close()


# --- H4: re-running a demo cell frees the old demo -----------------------------------------


@pytest.mark.parametrize("name", list(DEMOS))
def test_close_unregisters_every_widget_of_an_ipympl_demo(name):
    """H4: 26 widgets (15 Layout, 7 SliderStyle, 3 HTMLStyle, the ipympl Toolbar) stayed
    registered after close(), and the toolbar kept the canvas and its figure alive."""
    widgets_before = live_widgets()
    demo = DEMOS[name](True)
    assert demo.live.interactive  # a real ipympl Canvas, not Agg
    figure = weakref.ref(demo.live.figure)
    demo.close()
    del demo
    gc.collect()
    assert live_widgets() == widgets_before, sorted(
        type(w).__name__ for w in widget_module._instances.values())
    assert figure() is None


class FakeKernel:
    """Stands in for ipykernel: says which cell and which run the current request is."""

    def __init__(self):
        self.request = {}

    def get_parent(self, _channel):
        return self.request


def test_rerunning_a_cell_fifteen_times_leaves_one_demo(monkeypatch):
    """H4, as the review simulated it: 15 re-runs of one cell left 390 widgets and 15
    figures. Now one demo's widgets and one figure remain, and memory stays flat."""
    kernel = FakeKernel()
    monkeypatch.setattr("IPython.get_ipython", lambda: type("Shell", (), {"kernel": kernel})())
    monkeypatch.setattr(demos.base, "_SHOWN_BY_CELL", {})
    widgets_before, figures = live_widgets(), []
    for run in range(15):
        kernel.request = {"metadata": {"cellId": "demo-cell"},
                          "header": {"msg_id": f"run-{run}"}}
        demo = demos.neuron_explorer(interactive=True)
        figures.append(weakref.ref(demo.live.figure))
        demos.base._forget_earlier_runs_of_this_cell(demo)
        del demo
        if run == 4:
            gc.collect()
            after_five = resident_memory()
    gc.collect()
    growth = resident_memory() - after_five
    (_, (last,)), = demos.base._SHOWN_BY_CELL.values()
    assert sum(figure() is not None for figure in figures) == 1
    assert live_widgets() - widgets_before == len(last._all_widgets())
    assert growth < 8_000_000, growth  # 10 more runs: about 20 MB before
    last.close()
    assert live_widgets() == widgets_before


# --- raw errors made clear: C10, C11, C14, U4 ----------------------------------------------


@pytest.mark.parametrize(("arguments", "match"), [
    ({"weight_limit": 1e308}, r"weight_limit must be at least 1 .* at most 1000, got 1e\+308"),
    ({"bias_limit": 1e308}, r"bias_limit must be at least 1 .* at most 1000, got 1e\+308"),
    ({"input_limits": (0, 1e308)}, r"input_limits must lie within \[-1000, 1000\]"),
    ({"weight_limit": 0.5}, r"weight_limit must be at least 1 \(so that the starting values"),
])
def test_neuron_explorer_refuses_limits_that_would_break_it(arguments, match):
    """C14: weight_limit=1e308 was accepted; the z axis then overflowed ("z must not contain
    NaN" and RuntimeWarnings)."""
    with pytest.raises(ValueError, match=match):
        demos.neuron_explorer(interactive=False, **arguments)


@pytest.mark.parametrize(("selected", "match"), [
    (None, r"selected must be a list of activation names, got None"),
    ("sigmoid", r"got 'sigmoid', one name\. Pass a list, e\.g\. .* \(or \['sigmoid'\] for one\)"),
    (5, r"got 5\."),
])
def test_activation_explorer_explains_a_selected_that_is_not_a_list(selected, match):
    """C10, U4: None gave "'NoneType' object is not iterable", "sigmoid" "Unknown
    activation 's'"."""
    with pytest.raises(TypeError, match=match):
        demos.activation_explorer(selected, interactive=False)


def test_activation_explorer_takes_names_from_any_iterable():
    demo = demos.activation_explorer(name for name in ("tanh",))
    assert demo.selected() == ["tanh"]
    demo.close()


@pytest.fixture(scope="module")
def training():
    demo = demos.training_explorer(interactive=False)
    yield demo
    demo.close()


@pytest.mark.parametrize(("arguments", "error", "match"), [
    ({"frames": 0}, ValueError, r"frames must be a positive integer, got 0"),
    ({"frames": -5}, ValueError, r"frames must be a positive integer, got -5"),
    ({"frames": 2.5}, TypeError, r"frames must be a positive integer, got float 2\.5"),
    ({"frames": 10**6}, ValueError, r"frames must be at most 1000"),
    ({"seconds": -1}, ValueError, r"seconds must be from 0 to 60, got -1"),
    ({"seconds": math.nan}, ValueError, r"seconds must be finite, got nan"),
    ({"seconds": 1e9}, ValueError, r"seconds must be from 0 to 60"),
])
def test_play_refuses_arguments_that_would_crash_or_freeze_it(training, arguments, error,
                                                               match):
    """C11: frames=0 raised ZeroDivisionError; frames=-5 paused `seconds` per epoch, which
    with the defaults would freeze the kernel for about 15 minutes."""
    with pytest.raises(error, match=match):
        training.play(**arguments)
    assert not training.play_button.disabled


def test_play_with_good_arguments_replays_quickly(training):
    import time

    started = time.monotonic()
    training.play(frames=4, seconds=0.2)
    assert time.monotonic() - started < 5
    assert "After" in training.text()
