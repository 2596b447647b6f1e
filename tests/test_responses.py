"""Tests for helpers.responses: strongest lines, vertical share and sign counts of a response."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_array_equal
from scipy import signal

from helpers.conv import correlate2d
from helpers.images import book_on_table, photograph_uint8, step_edge
from helpers.kernels import HORIZONTAL, VERTICAL
from helpers.responses import (
    SignCounts,
    sign_counts,
    strongest_columns,
    strongest_rows,
)

FINITE = st.floats(-1e6, 1e6, allow_nan=False)
RESPONSES = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 6)), elements=FINITE)


def scipy_response(image, kernel):
    """The reference: SciPy's valid cross-correlation."""
    return signal.correlate2d(np.asarray(image, dtype=float), kernel, mode="valid")


def test_step_edge_band_is_the_strongest_pair_of_columns():
    """The article's edge: columns 1 and 2 of the response hold the 30s, the others 0."""
    assert strongest_columns(correlate2d(step_edge(), VERTICAL), 4) == [
        (1, 30.0),
        (2, 30.0),
        (0, 0.0),
        (3, 0.0),
    ]


def test_rows_are_columns_of_the_transpose():
    """strongest_rows on a response is strongest_columns on its transpose."""
    response = scipy_response(step_edge().T, HORIZONTAL)
    assert strongest_rows(response, 2) == strongest_columns(response.T, 2) == [(1, 30.0), (2, 30.0)]


def test_signed_means_are_ordered_by_size():
    """A negative mean larger in size comes first and keeps its sign."""
    response = [[1.0, -5.0, 3.0], [1.0, -5.0, 3.0]]
    assert strongest_columns(response, 3) == [(1, -5.0), (2, 3.0), (0, 1.0)]
    assert strongest_rows(np.transpose(response), 2) == [(1, -5.0), (2, 3.0)]


def test_book_sides_are_found_with_their_signs():
    """On the book scene the strongest columns are the book's sides: dark-left negative, the
    shadowed right side positive and stronger; rows likewise for top and bottom."""
    scene = book_on_table()
    v, h = scipy_response(scene, VERTICAL), scipy_response(scene, HORIZONTAL)
    columns = strongest_columns(v, 4)
    rows = strongest_rows(h, 4)
    # The book spans columns 33..86 and rows 26..96 of the 128x128 scene (its docstring's
    # fractions 0.26-0.68 and 0.20-0.76); a valid response is offset by one pixel.
    assert sorted(c for c, _ in columns) == [31, 32, 85, 86]
    assert sorted(r for r, _ in rows) == [24, 25, 95, 96]
    for index, mean in columns + rows:
        assert (mean > 0) == (index > 64)
    assert abs(columns[0][1]) > abs(columns[-1][1])


@given(RESPONSES, st.integers(1, 6))
def test_strongest_agrees_with_a_sort_of_the_means(response, count):
    """Property: the result is the means sorted by decreasing size, ties by index."""
    count = min(count, response.shape[1])
    means = response.mean(axis=0)
    expected = sorted(range(len(means)), key=lambda i: (-abs(means[i]), i))[:count]
    assert [c for c, _ in strongest_columns(response, count)] == expected
    assert [m for _, m in strongest_columns(response, count)] == [means[i] for i in expected]


def test_strongest_does_not_modify_and_returns_plain_python():
    """Input is left alone; the pairs are Python ints and floats, printable without np.float64."""
    response = np.array([[0.0, -0.0, 2.0]])
    before = response.copy()
    result = strongest_columns(response, 3)
    assert_array_equal(response, before)
    assert all(type(i) is int and type(m) is float for i, m in result)
    assert str(result) == "[(2, 2.0), (0, 0.0), (1, 0.0)]"  # no "-0.0"


@pytest.mark.parametrize("count", [0, -1, 4, 1.5, True, "2"])
def test_strongest_refuses_bad_counts(count):
    """count must be an integer from 1 to the number of columns; the message names it."""
    with pytest.raises(ValueError, match="count"):
        strongest_columns([[1.0, 2.0, 3.0]], count)


@pytest.mark.parametrize(
    ("bad", "error", "words"),
    [
        ([1.0, 2.0], ValueError, "2-D"),
        ([[1.0, np.nan]], ValueError, "NaN"),
        ([[1j]], TypeError, "real"),
        ([["a"]], TypeError, "real"),
    ],
)
def test_responses_are_validated(bad, error, words):
    """Non-2-D, NaN, complex and text responses are refused with a message naming the problem."""
    for function in (strongest_columns, strongest_rows, sign_counts):
        with pytest.raises(error, match=words):
            function(bad)


def test_sign_counts_of_the_article_pair():
    """The article's edge and its mirror image: 8 positive, 8 negative, 16 zero in all."""
    original = correlate2d(step_edge(), VERTICAL)
    mirrored = correlate2d(step_edge()[:, ::-1], VERTICAL)
    assert sign_counts(original) == SignCounts(8, 0, 8)
    assert sign_counts(mirrored) == SignCounts(0, 8, 8)
    assert sign_counts(np.vstack([original, mirrored])) == (8, 8, 16)


@given(RESPONSES)
def test_sign_counts_add_up(response):
    """Property: the three counts add up to the size and match NumPy's comparisons."""
    counts = sign_counts(response)
    assert sum(counts) == response.size
    assert counts.positive == np.sum(response > 0)
    assert counts.negative == np.sum(response < 0)


def test_photo_responses_are_split_about_evenly():
    """On the uint8 photo, bright-left and bright-right edges are about equally common."""
    counts = sign_counts(scipy_response(photograph_uint8(scale=2), VERTICAL))
    assert abs(counts.positive - counts.negative) < 0.05 * (counts.positive + counts.negative)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.float32, np.float64])
def test_mirroring_negates_and_mirrors_the_vertical_response(dtype):
    """The chapter 05 identity: correlate(x[:, ::-1], V) == -correlate(x, V)[:, ::-1] because
    V[:, ::-1] == -V, checked against SciPy; exact on whole numbers."""
    image = photograph_uint8(scale=8).astype(dtype)
    mirrored = correlate2d(image[:, ::-1], VERTICAL)
    assert_array_equal(VERTICAL[:, ::-1], -VERTICAL)
    assert_array_equal(mirrored, -scipy_response(image, VERTICAL)[:, ::-1])


@given(arrays(np.float64, (5, 7), elements=st.floats(-100, 100)))
def test_mirroring_flips_the_kernel_for_any_kernel(image):
    """Property: correlating a mirrored image equals correlating with the mirrored kernel, mirrored
    back; the general form of the identity."""
    kernel = np.array([[0.0, 1.0, 2.0], [2.0, 2.0, 0.0], [0.0, 1.0, 2.0]])
    left = correlate2d(image[:, ::-1], kernel)
    right = scipy_response(image, kernel[:, ::-1])[:, ::-1]
    np.testing.assert_allclose(left, right, atol=1e-9)
