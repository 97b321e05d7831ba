from hypothesis import given
from hypothesis import strategies as st

from cspboard.search.query import MAX_TERMS, MAX_WORD, parse


def test_words_and_phrases():
    query = parse('knife crime "violence reduction" anti-social')
    assert query.terms == (("knife",), ("crime",), ("violence", "reduction"), ("anti", "social"))
    assert query.fts5() == '"knife" "crime" "violence reduction" "anti social"'
    assert query.websearch() == 'knife crime "violence reduction" "anti social"'


def test_engine_syntax_typed_in_is_only_words():
    query = parse('NEAR(knife* crime) OR -drugs "unbalanced AND ^col:x')
    assert query.fts5() == '"near knife" "crime" "drugs" "unbalanced and col x"'


def test_connectives_and_repeats_are_dropped_and_nothing_is_empty():
    assert parse("knife and crime OR knife").terms == (("knife",), ("crime",))
    assert not parse('  "" ** -- ')
    assert not parse("")


@given(st.text(max_size=2000))
def test_any_input_gives_bounded_quoted_terms(text):
    query = parse(text)
    assert len(query.terms) <= MAX_TERMS
    for words in query.terms:
        assert words and all(0 < len(w) <= MAX_WORD and '"' not in w for w in words)
    assert query.fts5().count('"') == 2 * len(query.terms)
