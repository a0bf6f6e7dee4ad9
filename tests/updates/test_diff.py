"""Word-by-word diffs: the seed sheet's convention of red insertions and struck deletions."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from plantracker.updates.diff import changed, new_text, old_text, word_diff


def test_changed_words_are_deleted_and_inserted_and_the_rest_kept() -> None:
    d = word_diff("The scheme will conclude in March.", "The scheme concluded in March.")
    assert d == [
        ("equal", "The scheme "),
        ("delete", "will conclude"),
        ("insert", "concluded"),
        ("equal", " in March."),
    ]


def test_identical_texts_have_no_change() -> None:
    assert not changed(word_diff("Same words here.", "Same words here."))


def test_from_nothing_everything_is_inserted() -> None:
    assert word_diff("", "New text") == [("insert", "New text")]
    assert word_diff("Old text", "") == [("delete", "Old text")]


def test_words_not_characters() -> None:
    d = word_diff("2023/24", "2024/25")
    assert d == [("delete", "2023/24"), ("insert", "2024/25")]


words = st.lists(st.sampled_from(["a", "grant", "scheme", "2023/24", "Council.", "net", "zero"]))
texts = words.map(" ".join)


@given(texts, texts)
def test_diff_rebuilds_both_texts(old: str, new: str) -> None:
    d = word_diff(old, new)
    assert old_text(d) == old
    assert new_text(d) == new
    assert changed(d) == (old != new)
    # Segments alternate: no two neighbours share an operation.
    assert all(a[0] != b[0] for a, b in pairwise(d))
