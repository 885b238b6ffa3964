"""A learner's own picture becomes an 8x8 digit on the digits' 0-16 scale, or a clear error."""

import matplotlib.image
import numpy as np
import pytest
from helpers import no_floating_point_warnings
from sklearn.datasets import load_digits

from neuron_lib.images import load_digit_image


def bar_of_one(side=32):
    """A vertical stroke, 4 of 32 pixels wide, ink 1.0 on paper 0.0: a '1'."""
    picture = np.zeros((side, side))
    picture[side // 8: -side // 8, side // 2 - side // 8: side // 2] = 1.0
    return picture


def test_blocks_count_ink_as_the_digits_do():
    # Each 4x4 block of the 32x32 picture becomes one pixel: 16 ink pixels -> 16,
    # 8 of 16 -> 8, none -> 0.
    picture = np.zeros((32, 32))
    picture[0:4, 0:4] = 1.0         # block (0, 0) full
    picture[4:8, 4:6] = 1.0         # block (1, 1) half
    picture[8, 8] = 1.0             # block (2, 2): one pixel of 16
    with no_floating_point_warnings():
        digit = load_digit_image(picture, ink="light")
    expected = np.zeros((8, 8))
    expected[0, 0], expected[1, 1], expected[2, 2] = 16.0, 8.0, 1.0
    np.testing.assert_array_equal(digit, expected)


def test_a_digit_of_the_data_comes_back_unchanged():
    X = load_digits().data
    for row in X[:20]:
        np.testing.assert_array_equal(load_digit_image(row, max_value=16).ravel(), row)
        np.testing.assert_array_equal(load_digit_image(row.reshape(8, 8), max_value=16,
                                                       ink="light").ravel(), row)


def test_an_upscaled_digit_comes_back_unchanged():
    row = load_digits().data[5].reshape(8, 8)
    np.testing.assert_allclose(load_digit_image(np.kron(row / 16, np.ones((4, 4)))), row)
    np.testing.assert_allclose(load_digit_image(np.kron(row / 16, np.ones((2, 2)))), row)


@pytest.mark.parametrize("side", [8, 16, 32, 64])
def test_dark_ink_on_white_paper_is_inverted_automatically(side):
    ink = bar_of_one(side)
    paper_picture = 1.0 - ink                      # black stroke on white: a scan
    automatic = load_digit_image(paper_picture)
    np.testing.assert_allclose(automatic, load_digit_image(ink, ink="light"))
    np.testing.assert_allclose(automatic, load_digit_image(paper_picture, ink="dark"))
    assert automatic[4, 3] == 16.0 and automatic[4, 0] == 0.0


def test_uint8_rgb_and_rgba_pictures():
    ink = bar_of_one()
    grey = np.round(255 * (1.0 - ink)).astype(np.uint8)
    rgb = np.stack([grey] * 3, axis=-1)
    expected = load_digit_image(ink, ink="light")
    np.testing.assert_allclose(load_digit_image(rgb), expected)
    # Black ink on a transparent background: transparent counts as white paper.
    rgba = np.zeros((32, 32, 4))
    rgba[..., 3] = ink
    np.testing.assert_allclose(load_digit_image(rgba), expected)
    np.testing.assert_allclose(load_digit_image(ink.astype(bool)), expected)


def test_png_files_grey_and_colour(tmp_path):
    ink = bar_of_one()
    expected = load_digit_image(ink, ink="light")
    grey_file, colour_file = tmp_path / "one.png", tmp_path / "one_rgb.png"
    matplotlib.image.imsave(grey_file, 1.0 - ink, cmap="gray", vmin=0, vmax=1)
    matplotlib.image.imsave(colour_file, np.stack([1.0 - ink] * 3, axis=-1))
    np.testing.assert_allclose(load_digit_image(grey_file), expected)
    np.testing.assert_allclose(load_digit_image(str(colour_file)), expected)


def test_a_png_read_like_this_is_read_right_by_a_model_trained_on_the_digits(tmp_path):
    from sklearn.linear_model import LogisticRegression

    X, y = load_digits(return_X_y=True)
    model = LogisticRegression(max_iter=1000).fit(X[:1500] / 16, y[:1500])
    index = 1500 + int(np.flatnonzero(model.predict(X[1500:] / 16) == y[1500:])[0])
    scan = 1.0 - np.kron(X[index].reshape(8, 8) / 16, np.ones((4, 4)))  # dark ink, white paper
    matplotlib.image.imsave(tmp_path / "digit.png", scan, cmap="gray", vmin=0, vmax=1)
    digit = load_digit_image(tmp_path / "digit.png")
    # An 8-bit PNG stores 256 grey levels: each pixel within half a level, times 16.
    np.testing.assert_allclose(digit.ravel(), X[index], atol=16 / 255)
    assert model.predict(digit.reshape(1, 64) / 16)[0] == y[index]


def test_an_empty_picture_is_all_paper():
    np.testing.assert_array_equal(load_digit_image(np.ones((16, 16))), np.zeros((8, 8)))
    np.testing.assert_array_equal(load_digit_image(np.zeros((16, 16))), np.zeros((8, 8)))


@pytest.mark.parametrize(("shape", "got"), [((30, 28), "30x28"), ((32, 30), "32x30"),
                                            ((12, 12), "12x12"), ((4, 4), "4x4"),
                                            ((63,), "63x"), ((0, 0), "0x0")])
def test_wrong_sizes_are_refused_with_the_fix(shape, got):
    match = f"square with a side that is a multiple of 8.*got {got}.*32x32"
    if len(shape) == 1:
        match = r"grey \(side, side\)"
    with pytest.raises(ValueError, match=match):
        load_digit_image(np.zeros(shape))


def test_more_than_one_digit_is_refused():
    with pytest.raises(ValueError, match=r"One digit at a time.*X\[i\]"):
        load_digit_image(load_digits().data[:3])


@pytest.mark.parametrize(("picture", "kwargs", "error", "match"), [
    (np.full((8, 8), 17.0), {"max_value": 16}, ValueError,
     "between 0 and max_value = 16, got values from 17 to 17"),
    (np.full((8, 8), -1.0), {}, ValueError, "between 0 and max_value = 1"),
    (np.full((8, 8), 12.0), {}, ValueError, "max_value=16 for the digits' own scale"),
    (np.arange(64), {}, ValueError, "Cannot tell the scale.*int64, values up to 63"),
    (np.full((8, 8), np.nan), {}, ValueError, "NaN or infinite"),
    (np.zeros((8, 8)), {"max_value": 0}, ValueError, "max_value must be a positive number"),
    (np.zeros((8, 8)), {"max_value": "16"}, ValueError, "max_value must be a positive number"),
    (np.zeros((8, 8)), {"ink": "black"}, ValueError, "ink must be one of 'auto', 'dark'"),
    (np.array([["a"] * 8] * 8), {}, TypeError, "must hold numbers, got an array of dtype <U1"),
    (np.zeros((8, 8, 2)), {}, ValueError, r"got shape \(8, 8, 2\)"),
])
def test_bad_pictures_get_clear_errors(picture, kwargs, error, match):
    with pytest.raises(error, match=match):
        load_digit_image(picture, **kwargs)


def test_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="No file 'nowhere.png'.*current folder"):
        load_digit_image("nowhere.png")
    with pytest.raises(ValueError, match="is a folder"):
        load_digit_image(tmp_path)
    text = tmp_path / "digit.png"
    text.write_text("not a picture")
    with pytest.raises(ValueError, match="is not a PNG file"):
        load_digit_image(text)
    matplotlib.image.imsave(tmp_path / "ok.png", np.zeros((32, 32)))
    with pytest.raises(ValueError, match="max_value is for arrays"):
        load_digit_image(tmp_path / "ok.png", max_value=255)
    matplotlib.image.imsave(tmp_path / "wide.png", np.zeros((32, 40)))
    with pytest.raises(ValueError, match="Expected the PNG file to be square.*got 32x40"):
        load_digit_image(tmp_path / "wide.png")


def test_matplotlib_is_not_imported_to_convert_an_array():
    import subprocess
    import sys

    code = ("import sys, numpy as np; from neuron_lib.images import load_digit_image; "
            "load_digit_image(np.zeros((8, 8))); print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
