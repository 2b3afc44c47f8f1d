"""Properties on arbitrary text: no exception, valid spans, offsets that quote the text."""

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from uzkz_desktop.dates import find_dates, parse_date
from uzkz_desktop.dates.spans import FIRST_YEAR, LAST_YEAR

# Pieces of dates, traps and scripts, glued in random order.
PIECES = [
    "2024",
    "1992",
    "2300",
    "0999",
    "15",
    "31",
    "02",
    "12",
    "1,3",
    "7.2",
    "12.2008",
    "27.12.2025",
    "-",
    "–",
    "—",
    " ",
    "  ",
    "\n",
    "\n\n",
    ".",
    ",",
    "(",
    ")",
    "/",
    "@",
    "+998",
    "%",
    "$",
    "yil",
    "-yil",
    "yilda",
    "yillarda",
    "йил",
    "жылғы",
    "года",
    "г.",
    "й.",
    "year",
    "noyabr",
    "noyabrida",
    "ноябрь",
    "марта",
    "may",
    "Dec.",
    "Sept",
    "наурызда",
    "қазан",
    "oyida",
    "ойида",
    "айында",
    "kuni",
    "куни",
    "joriy",
    "shu",
    "o‘tgan",
    "o„tgan",
    "bu",
    "в",
    "этом",
    "году",
    "the",
    "this",
    "last",
    "first",
    "half",
    "of",
    "in",
    "since",
    "birinchi",
    "to‘rt",
    "dastlabki",
    "olti",
    "yarmida",
    "полугодии",
    "Q1",
    "H3",
    "end",
    "early",
    "конце",
    "oxirida",
    "boshidan",
    "buyon",
    "с начала года",
    "year to date",
    "was",
    "- ",
    "so‘nggi",
    "o‘n",
    "yillikda",
    "последние",
    "лет",
    "decade",
    "years",
    "https://kun.uz/",
    "s",
    "ſept",
    "ı",
    "İ",
    "K",
    "ß",
    # forms with no written year, bare ranges, Russian prepositions, datelines
    "April",
    "May",
    "October",
    "January",
    "–March",
    "АСТАНА, ",
    "TASHKENT,",
    "14 марта",
    "кўпайди",
    "в ",
    "январе",
    "феврале",
    "с ",
    "до ",
    "по ",
    "участниками",
    "действует",
    " г. (",
    "апрель–сентябрь",
    "половину",
    "текущего",
    "прошлом",
    "т.г.",
    "pp.",
    "[",
    "август",
    "куни",
    "17.04.2000",
    "months",
    "two",
    "2034",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=300)
YEARS = st.none() | st.integers(min_value=-(10**6), max_value=10**6)


@settings(max_examples=400, deadline=None)
@given(TEXT, YEARS, st.booleans())
def test_find_dates_returns_valid_mentions(text: str, year: int | None, bare: bool) -> None:
    mentions = find_dates(text, document_year=year, include_bare_years=bare)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start < mention.end
        assert mention.span.start <= mention.span.end
        assert FIRST_YEAR <= mention.span.start.year <= mention.span.end.year <= LAST_YEAR
        assert mention.kind in {"date", "range", "period", "relative"}
    assert all(a.end <= b.start for a, b in pairwise(mentions))


@settings(max_examples=400, deadline=None)
@given(TEXT, YEARS)
def test_parse_date_never_raises(text: str, year: int | None) -> None:
    span = parse_date(text, document_year=year)
    if span is not None:
        assert span.start <= span.end
        assert FIRST_YEAR <= span.start.year <= span.end.year <= LAST_YEAR


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=28),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR),
)
def test_numeric_dates_round_trip(day: int, month: int, year: int) -> None:
    (mention,) = find_dates(f"Sana: {day:02d}.{month:02d}.{year}.")
    assert mention.span.edtf == f"{year:04d}-{month:02d}-{day:02d}"
    span = parse_date(mention.span.edtf)
    assert span == mention.span
