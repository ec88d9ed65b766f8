"""`indicators/data/_rows.py`: keys of several code columns."""
from __future__ import annotations

import numpy as np

from indicators.data._rows import combined_codes


def test_combined_codes_are_equal_exactly_where_every_column_is_equal():
    a, b = np.array([0, 1, 0, 1, 0]), np.array([2, 2, 2, 0, 1])
    codes = combined_codes([a, b], [2, 3])
    pairs = list(zip(a, b))
    for i in range(len(a)):
        for j in range(len(a)):
            assert (codes[i] == codes[j]) == (pairs[i] == pairs[j]), (i, j)


def test_combined_codes_keep_rows_apart_where_the_product_of_sizes_passes_64_bits():
    # without renumbering, a * 2**80 wraps to 0 in 64 bits and the two rows would collide
    size = 2 ** 40
    codes = combined_codes([np.array([0, 1, 1]), np.array([0, 0, 0]), np.array([0, 0, 0])], [size] * 3)
    assert codes[0] != codes[1] and codes[1] == codes[2]
