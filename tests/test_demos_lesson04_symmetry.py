"""Lesson 04's "symmetry, live" demo: four starts of one network, trained lazily."""

import asyncio

import matplotlib.pyplot as plt
import numpy as np
import pytest

from neuron_lib import Network, demos
from neuron_lib.demos import lesson04_symmetry
from neuron_lib.demos.lesson04_symmetry import STARTS, symmetry_explorer
from neuron_lib.training import train


@pytest.fixture(scope="module")
def trained():
    """One explorer trained to its last epoch, shared by the tests that only read it."""
    explorer = symmetry_explorer(interactive=False)
    explorer.epoch_slider.value = explorer.max_epochs
    yield explorer
    explorer.close()


def moving_arrays(demo):
    arrays = []
    for artist in demo.live._animated:
        if hasattr(artist, "get_xydata"):
            arrays.append(np.asarray(artist.get_xydata(), dtype=float))
        elif hasattr(artist, "get_array"):
            arrays.append(np.asarray(artist.get_array(), dtype=float))
    return arrays


def hidden_line_data(explorer, letter):
    return [line.get_xydata().copy() for line, _ in explorer.panels[letter]["lines"]]


def test_equal_starts_stay_equal_at_every_epoch(trained):
    for epoch in (0, 1, 50, 300, trained.max_epochs):
        trained.epoch_slider.value = epoch
        run = trained.state()["runs"]["a"]
        assert run["spread"] == 0.0, f"epoch {epoch}"
        lines = hidden_line_data(trained, "a")
        for other in lines[1:]:  # four lines, exactly on top of each other
            np.testing.assert_array_equal(other, lines[0])
    assert "its 4 hidden neurons are identical" in trained.text()
    # ...and they do learn something, together: no better than one hidden neuron.
    assert trained.state()["runs"]["a"]["loss"] < trained._run("a").loss[0]


def test_zero_start_with_tanh_never_moves(trained):
    trained.epoch_slider.value = trained.max_epochs
    run = trained.state()["runs"]["b"]
    assert run["all_zero"]
    # Only the output bias learns: to the log-odds of class 1, where the loss is the
    # entropy of the class shares (ln 2 = 0.693 for equal shares).
    share = trained.y.mean()
    assert run["output_bias"] == pytest.approx(np.log(share / (1 - share)), abs=0.02)
    assert run["loss"] == pytest.approx(-(share * np.log(share) + (1 - share) *
                                          np.log(1 - share)), abs=1e-3)
    assert all(len(data) == 0 for data in hidden_line_data(trained, "b"))  # no lines at all
    # XOR has equal shares of both classes: not even the output bias moves.
    assert abs(run["output_bias"]) < 1e-12
    assert "every weight is still exactly 0, the output bias 0.00: nothing moves" in \
        trained.text()


@pytest.mark.parametrize("letter", ["c", "d"])
def test_random_starts_spread_out_and_solve_xor(trained, letter):
    trained.epoch_slider.value = trained.max_epochs
    run = trained.state()["runs"][letter]
    assert run["accuracy"] >= 0.95 and run["spread"] > 0.5
    trained.epoch_slider.value = 0
    start = trained.state()["runs"][letter]
    assert start["accuracy"] < run["accuracy"]


def test_the_runs_are_train_itself_epoch_by_epoch(trained):
    # Start (c) trained in one go with `train` ends exactly where the demo's chunks did.
    network = Network([2, 4, 1], activations=["tanh", "sigmoid"], init="uniform", rng=0)
    history = train(network, trained.X, trained.y, lr=trained.lr, epochs=trained.max_epochs)
    run = trained._run("c")
    np.testing.assert_allclose(run.loss[1:], history.loss, rtol=1e-12)
    for ours, theirs in zip(run.parameters(trained.max_epochs), network.parameters()):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12)


def test_a_nudge_breaks_the_tie_of_start_a():
    explorer = symmetry_explorer(nudge=0.01, interactive=False)
    at_start = explorer.state()["runs"]["a"]["spread"]
    assert 0 < at_start < 0.1
    explorer.epoch_slider.value = explorer.max_epochs
    run = explorer.state()["runs"]["a"]
    assert run["spread"] > 10 * at_start and run["accuracy"] >= 0.95
    assert "nudged by ε = 0.010" in explorer.text()
    explorer.close()


def test_moving_back_and_forth_trains_each_epoch_once(monkeypatch):
    calls = []
    real_train = lesson04_symmetry.train

    def counting_train(*args, **kwargs):
        calls.append(kwargs["epochs"])
        return real_train(*args, **kwargs)

    monkeypatch.setattr(lesson04_symmetry, "train", counting_train)
    explorer = symmetry_explorer(interactive=False)
    assert calls == []  # epoch 0 needs no training
    explorer.epoch_slider.value = 40
    assert sum(calls) == 4 * 40
    for epoch in (10, 0, 40, 25):
        explorer.epoch_slider.value = epoch
    assert sum(calls) == 4 * 40
    explorer.nudge_slider.value = 0.02  # a new start (a): only (a) trains, up to epoch 25
    assert sum(calls) == 4 * 40 + 25
    explorer.nudge_slider.value = 0.0  # seen before: no training
    assert sum(calls) == 4 * 40 + 25
    explorer.close()


def test_in_a_running_kernel_a_long_jump_trains_in_chunks_and_keeps_answering():
    async def scenario():
        explorer = symmetry_explorer()  # ipympl: trains in the background when it can
        explorer.first_budget = explorer.budget = 0.0  # one chunk at a time
        sent = []
        explorer.live.canvas.send_binary = sent.append
        explorer.epoch_slider.value = explorer.max_epochs
        first = explorer.state()
        assert first["runs"]["a"]["epoch"] < explorer.max_epochs
        assert "training…" in explorer.text() and len(sent) == 1
        while any(run["epoch"] < explorer.max_epochs
                  for run in explorer.state()["runs"].values()):
            await asyncio.sleep(0.02)
        assert "training…" not in explorer.text()
        assert len(sent) > 4  # a frame per chunk: the picture shows the progress
        explorer.close()

    asyncio.run(asyncio.wait_for(scenario(), timeout=120))


def test_closing_stops_the_background_training():
    async def scenario():
        explorer = symmetry_explorer()
        explorer.first_budget = explorer.budget = 0.0
        explorer.epoch_slider.value = explorer.max_epochs
        explorer.close()
        trained_then = explorer._run("c").epochs_trained
        await asyncio.sleep(0.3)
        assert explorer._run("c").epochs_trained == trained_then

    asyncio.run(scenario())


def test_every_slider_changes_picture_and_readout_and_stays_finite():
    explorer = symmetry_explorer(epoch=30)
    figures = plt.get_fignums()
    for slider in explorer.sliders():
        for value in (slider.max, slider.min, slider.max):
            before, before_text = moving_arrays(explorer), explorer.readout.value
            slider.value = value
            after = moving_arrays(explorer)
            assert explorer.readout.value != before_text, slider.description
            assert any(a.shape != b.shape or not np.array_equal(a, b)
                       for a, b in zip(before, after)), slider.description
            for array in after:
                assert np.isfinite(array).all()
    assert plt.get_fignums() == figures and explorer.live.n_full_draws == 1
    explorer.close()


def test_the_smallest_nudge_still_changes_the_picture():
    explorer = symmetry_explorer(epoch=200, interactive=False)
    explorer.nudge_slider.value = 0.003
    before = bytes(explorer.live.canvas.buffer_rgba())
    explorer.nudge_slider.value = 0.0
    assert bytes(explorer.live.canvas.buffer_rgba()) != before
    assert explorer.nudge_title.get_text() == "(a) all weights 0.5"
    explorer.nudge_slider.value = 0.001
    assert explorer.nudge_title.get_text() == "(a) all 0.5, nudged by ε = 0.001"
    explorer.close()


def test_a_hundred_fast_moves_are_blits_only():
    explorer = symmetry_explorer(max_epochs=200)
    sent = []
    explorer.live.canvas.send_binary = sent.append
    rng = np.random.default_rng(5)
    texts, moves = set(), 0
    for _ in range(100):
        slider = explorer.sliders()[rng.integers(2)]
        value = (int(rng.integers(0, 201)) if slider is explorer.epoch_slider
                 else float(np.round(rng.uniform(0, 0.1), 3)))
        moves += value != slider.value
        slider.value = value
        texts.add(explorer.text())
    assert moves > 95 and len(sent) == moves and len(texts) > 60
    assert explorer.live.n_full_draws == 1
    explorer.close()


def test_play_step_and_reset_controls():
    explorer = symmetry_explorer()
    assert (explorer.play.min, explorer.play.max) == (0, explorer.max_epochs)
    link = explorer._link
    assert link.source == (explorer.play, "value") and link.target == (explorer.epoch_slider,
                                                                        "value")
    explorer.step_button.click()
    explorer.step_button.click()
    assert explorer.epoch_slider.value == 20 and explorer.state()["runs"]["d"]["epoch"] == 20
    explorer.nudge_slider.value = 0.05
    explorer.reset_button.click()
    assert explorer.epoch_slider.value == 0 and explorer.nudge_slider.value == 0.0
    explorer.epoch_slider.value = explorer.max_epochs - 3
    explorer.step()
    assert explorer.epoch_slider.value == explorer.max_epochs
    explorer.close()


def test_the_still_shows_the_middle_of_training_and_leaves_the_live_demo_alone():
    explorer = symmetry_explorer(max_epochs=100, interactive=False)
    bundle = explorer.snapshot()
    assert bundle["text/plain"].startswith("Epoch 50 of 100")
    assert explorer.epoch_slider.value == 0 and explorer.text().startswith("Epoch 0 of 100")
    assert bundle["image/png"]
    explorer.close()


def test_curves_and_labels_follow_the_epoch(trained):
    trained.epoch_slider.value = 120
    for letter in STARTS:
        x, y = trained.loss_curves[letter].get_data()
        assert len(x) == 121 and x[-1] == 120
        np.testing.assert_allclose(y, trained._run(letter).loss[:121])
    assert all(marker.get_xdata()[0] == 120 for marker in trained.epoch_markers)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"lr": 0.0}, ValueError, r"lr must lie in"),
    ({"max_epochs": 5}, ValueError, "max_epochs must be a whole number from 10 to 2000"),
    ({"epoch": 700}, ValueError, "epoch must be a whole number from 0 to max_epochs = 600"),
    ({"nudge": 0.5}, ValueError, r"nudge must lie in \[0, 0.1\]"),
    ({"seed": -1}, ValueError, "seed must be a whole number"),
    ({"epoch": 2.5}, ValueError, "epoch must be a whole number"),
])
def test_bad_arguments_get_clear_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        symmetry_explorer(interactive=False, **kwargs)


def test_exported_from_demos():
    assert demos.symmetry_explorer is symmetry_explorer
