"""A learner's own digit, from a PNG file or an array, as the course's digits are stored.

scikit-learn's digits (lesson 06) are 8x8 pictures whose pixels count ink from 0 (none) to 16
(full): each was a 32x32 black-and-white scan, cut into 4x4 blocks, and each block's pixels
counted. :func:`load_digit_image` does the same to any square picture whose side is a
multiple of 8, so that a network trained on the digits can read it.

matplotlib (for reading PNG files) is imported only when a file is read.
"""

import os

import numpy as np

__all__ = ["DIGIT_SIDE", "FULL_INK", "load_digit_image"]

DIGIT_SIDE = 8
"""Height and width of a digit, in pixels."""

FULL_INK = 16.0
"""A digit pixel's value when its whole block is ink (the digits' own scale, 0 to 16)."""

_INKS = ("auto", "dark", "light")
# Luminance of red, green and blue (ITU-R BT.601), to turn a colour picture grey.
_LUMINANCE = np.array([0.299, 0.587, 0.114])


def load_digit_image(image, *, max_value=None, ink="auto"):
    """Turn a picture of one digit into the 8x8 pixels, 0 to 16, that the digits use.

    The picture is cut into an 8x8 grid of square blocks, and each block's share of ink,
    from 0 to 1, becomes a pixel from 0 to 16: how scikit-learn's digits were made from
    32x32 scans.

    Parameters
    ----------
    image : str, os.PathLike or array_like
        A PNG file, or the picture as an array of shape (side, side) (grey),
        (side, side, 3) (RGB) or (side, side, 4) (RGBA, transparent counts as paper), where
        side is 8, 16, 24, 32, ... A flat array of 64 values is read as 8x8, so that a row
        of the digits data can be passed as it is.
    max_value : float, optional
        The value of a full pixel in an array: 1.0 for floats from 0 to 1, 255 for 8-bit
        pictures, 16 for the digits' own scale. Guessed for bool (1), uint8 (255) and floats
        no larger than 1 (1.0); needed otherwise. PNG files need none.
    ink : {"auto", "dark", "light"}, default "auto"
        "dark": dark ink on light paper (a scan, a paint program's default); "light": light
        ink on a dark background (the digits' own convention: high values are ink); "auto":
        the picture's border is taken as the paper.

    Returns
    -------
    ndarray of shape (8, 8)
        Ink per pixel, floats from 0 (none) to 16 (full). ``.reshape(1, 64)`` makes it one
        sample for a network.

    Raises
    ------
    FileNotFoundError
        For a file that does not exist.
    ValueError
        For a picture that is not square with a side a multiple of 8, values outside
        [0, max_value], NaN, an unknown `ink`, or a file that is not a PNG.
    TypeError
        For values that are not numbers.

    Examples
    --------
    >>> stroke = np.zeros((32, 32))
    >>> stroke[4:28, 12:16] = 1.0          # a vertical bar, 4 pixels wide: a "1"
    >>> digit = load_digit_image(stroke, ink="light")
    >>> digit.shape, float(digit.max()), digit[:, 3].tolist()
    ((8, 8), 16.0, [0.0, 16.0, 16.0, 16.0, 16.0, 16.0, 16.0, 0.0])
    """
    if ink not in _INKS:
        raise ValueError(f"ink must be one of {', '.join(map(repr, _INKS))}, got {ink!r}.")
    if isinstance(image, (str, os.PathLike)):
        if max_value is not None:
            raise ValueError("max_value is for arrays: a PNG file says its own scale. Leave "
                             "max_value out.")
        brightness, name = _read_png(os.fspath(image)), "the PNG file"
    else:
        brightness, name = _as_brightness(image, max_value), "the picture"
    side = _check_side(brightness.shape, name)
    if ink == "auto":
        border = np.concatenate([brightness[0], brightness[-1], brightness[:, 0],
                                 brightness[:, -1]])
        ink = "dark" if np.median(border) > 0.5 else "light"
    amount = 1.0 - brightness if ink == "dark" else brightness
    block = side // DIGIT_SIDE
    shares = amount.reshape(DIGIT_SIDE, block, DIGIT_SIDE, block).mean(axis=(1, 3))
    # Rounding error (of the grey mix, of the mean) must not leave a pixel a hair away from
    # a whole count: white paper is 0, not 1.8e-15.
    return np.clip(np.round(shares * FULL_INK, 9), 0.0, FULL_INK)


def _read_png(path):
    if not os.path.exists(path):
        folder = os.path.dirname(os.path.abspath(path))
        raise FileNotFoundError(
            f"No file {path!r}. A relative path starts from the current folder, "
            f"{os.getcwd()}; the file should be in {folder}.")
    if os.path.isdir(path):
        raise ValueError(f"{path!r} is a folder; expected a PNG file inside it.")
    with open(path, "rb") as file:
        signature = file.read(8)
    if signature != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path!r} is not a PNG file (it does not start like one). Save the "
                         "picture as PNG in your paint program, or load it yourself and pass "
                         "the array.")
    import matplotlib.image  # only here: reading a file is the one thing that needs it

    # matplotlib reads every PNG (8 or 16 bits, grey or colour) as floats from 0 to 1.
    pixels = np.asarray(matplotlib.image.imread(path), dtype=np.float64)
    return _grey(pixels, "the PNG file")


def _as_brightness(image, max_value):
    """Values of an array as brightness from 0 to 1, checked."""
    array = np.asarray(image)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"The picture must hold numbers, got an array of dtype {array.dtype}. "
                        "Pass a numpy array of pixel values, or the path of a PNG file.")
    if array.ndim == 1 and array.size == DIGIT_SIDE**2:
        array = array.reshape(DIGIT_SIDE, DIGIT_SIDE)
    if array.ndim == 2 and array.shape[1] == DIGIT_SIDE**2 != array.shape[0]:
        raise ValueError(f"One digit at a time: got {array.shape[0]} rows of 64 pixels. For "
                         "one row of the digits data, pass X[i].")
    if array.ndim not in (2, 3):
        _grey(array, "the picture")  # explains the shapes it takes
    _check_side(array.shape, "the picture")
    values = array.astype(np.float64)
    if values.size and not np.isfinite(values).all():
        raise ValueError("The picture holds NaN or infinite values; every pixel needs a "
                         "number.")
    if max_value is None:
        max_value = _guess_max_value(array)
    elif (isinstance(max_value, (bool, np.bool_)) or not isinstance(max_value, (int, float,
                                                                                  np.number))
          or not np.isfinite(max_value) or max_value <= 0):
        raise ValueError(f"max_value must be a positive number (the value of a full pixel), "
                         f"got {max_value!r}.")
    if values.size:
        low, high = float(values.min()), float(values.max())
        if low < 0 or high > max_value:
            raise ValueError(
                f"Pixel values must lie between 0 and max_value = {max_value:g}, got values "
                f"from {low:g} to {high:g}. Pass the right max_value (16 for the digits' "
                "scale, 255 for 8-bit pictures), or rescale the picture.")
    return _grey(values / max_value, "the picture")


def _guess_max_value(array):
    if array.dtype.kind == "b":
        return 1.0
    if array.dtype == np.uint8:
        return 255.0
    high = float(array.max(initial=0.0))
    if array.dtype.kind == "f" and high <= 1.0:
        return 1.0
    raise ValueError(
        f"Cannot tell the scale of this picture ({array.dtype}, values up to {high:g}): say "
        "what a full pixel is, e.g. max_value=16 for the digits' own scale or max_value=255 "
        "for 8-bit pictures.")


def _grey(pixels, name):
    """An (h, w), (h, w, 3) or (h, w, 4) array from 0 to 1 as grey brightness (h, w)."""
    if pixels.ndim == 2:
        return pixels
    if pixels.ndim == 3 and pixels.shape[2] in (3, 4):
        grey = pixels[..., :3] @ _LUMINANCE
        if pixels.shape[2] == 4:  # transparent pixels show the (white) paper
            alpha = pixels[..., 3]
            grey = grey * alpha + (1.0 - alpha)
        return grey
    raise ValueError(
        f"Expected {name} as a grey (side, side), RGB (side, side, 3) or RGBA (side, side, 4) "
        f"array, got shape {pixels.shape}. One digit at a time: for a row of the digits data, "
        "pass X[i] (64 values).")


def _check_side(shape, name):
    height, width = shape[:2]
    if height != width or height < DIGIT_SIDE or height % DIGIT_SIDE:
        raise ValueError(
            f"Expected {name} to be square with a side that is a multiple of 8 (8x8, 16x16, "
            f"32x32, ...), got {height}x{width} pixels. Crop or scale it to 32x32 first (the "
            "digits were scanned at 32x32 and counted in 4x4 blocks).")
    return height
