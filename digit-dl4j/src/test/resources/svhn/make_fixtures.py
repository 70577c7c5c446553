#!/usr/bin/env python3
"""Writes the SVHN test fixtures with scipy's savemat, a MAT v5 writer independent of the Java reader.

SVHN's cropped-digit files (train_32x32.mat, test_32x32.mat) hold
  X: uint8, 32 x 32 x 3 x N  (row, column, colour channel, picture), stored column-major as MATLAB does
  y: uint8, N x 1            (the digit, with 10 standing for 0)
and are zlib-compressed MAT v5 files. These fixtures have the same layout, made small:

  svhn-format.mat       6 pictures whose every pixel is known from a formula (checks orientation and
                        channel order): red = 8*row + n, green = 8*column, blue = 255 - 8*row;
                        y = 1, 2, 10, 4, 10, 9.
  svhn-wrong-names.mat  the same arrays saved as 'images' and 'labels' instead of X and y.
  svhn-seven-segment.mat 600 synthetic house-number crops: a seven-segment digit in a random colour on a
                        random background, shifted at random, with parts of neighbouring digits at the
                        sides as in SVHN; for a short training run that must learn.
  svhn-seven-segment-test.mat 100 more of the same, drawn with another seed: test pictures for the command
                        line's train and evaluate.

Run from this folder: python3 make_fixtures.py (needs numpy and scipy; fixed seed, so the files are
reproducible for a given numpy version, apart from the date in the 128-byte header).
"""
import numpy as np
from scipy.io import savemat

SIDE = 32


def format_fixture():
    n = 6
    x = np.zeros((SIDE, SIDE, 3, n), dtype=np.uint8)
    rows = np.arange(SIDE).reshape(SIDE, 1)
    cols = np.arange(SIDE).reshape(1, SIDE)
    for i in range(n):
        x[:, :, 0, i] = 8 * rows + i + 0 * cols
        x[:, :, 1, i] = 8 * cols + 0 * rows
        x[:, :, 2, i] = 255 - 8 * rows + 0 * cols
    y = np.array([[1], [2], [10], [4], [10], [9]], dtype=np.uint8)
    return x, y


# Segments a..g as (row0, col0, row1, col1) in a 20 x 12 box, thickness 3.
SEGMENTS = {
    'a': (0, 0, 3, 12), 'b': (0, 9, 10, 12), 'c': (10, 9, 20, 12), 'd': (17, 0, 20, 12),
    'e': (10, 0, 20, 3), 'f': (0, 0, 10, 3), 'g': (8, 0, 11, 12),
}
DIGIT_SEGMENTS = ['abcdef', 'bc', 'abged', 'abgcd', 'fgbc', 'afgcd', 'afgedc', 'abc', 'abcdefg', 'abcdfg']


def draw_digit(mask, digit, top, left):
    for s in DIGIT_SEGMENTS[digit]:
        r0, c0, r1, c1 = SEGMENTS[s]
        rr0, rr1 = max(top + r0, 0), min(top + r1, SIDE)
        cc0, cc1 = max(left + c0, 0), min(left + c1, SIDE)
        if rr0 < rr1 and cc0 < cc1:
            mask[rr0:rr1, cc0:cc1] = True


def seven_segment_fixture(n, rng):
    x = np.zeros((SIDE, SIDE, 3, n), dtype=np.uint8)
    y = np.zeros((n, 1), dtype=np.uint8)
    for i in range(n):
        digit = i % 10
        mask = np.zeros((SIDE, SIDE), dtype=bool)
        top = 6 + rng.integers(-2, 3)
        left = 10 + rng.integers(-2, 3)
        draw_digit(mask, digit, top, left)
        # Neighbouring digits, cut by the picture's edge, as in SVHN's crops.
        draw_digit(mask, int(rng.integers(0, 10)), top, left - 15)
        draw_digit(mask, int(rng.integers(0, 10)), top, left + 15)
        background = rng.integers(0, 256, size=3)
        foreground = rng.integers(0, 256, size=3)
        while abs(int(foreground @ [299, 587, 114]) - int(background @ [299, 587, 114])) < 80000:
            foreground = rng.integers(0, 256, size=3)
        for k in range(3):
            x[:, :, k, i] = np.where(mask, foreground[k], background[k])
        y[i, 0] = 10 if digit == 0 else digit
    return x, y


def main():
    x, y = format_fixture()
    savemat('svhn-format.mat', {'X': x, 'y': y}, do_compression=True)
    savemat('svhn-wrong-names.mat', {'images': x, 'labels': y}, do_compression=True)
    x, y = seven_segment_fixture(600, np.random.default_rng(20240513))
    savemat('svhn-seven-segment.mat', {'X': x, 'y': y}, do_compression=True)
    x, y = seven_segment_fixture(100, np.random.default_rng(20240514))
    savemat('svhn-seven-segment-test.mat', {'X': x, 'y': y}, do_compression=True)


if __name__ == '__main__':
    main()
