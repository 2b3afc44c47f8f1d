"""Multilingual text handling: apostrophes, scripts, languages, sentences. Pure."""

from uzkz_desktop.text.language import detect_language, paragraph_languages
from uzkz_desktop.text.normalise import (
    canonical,
    canonical_with_offsets,
    fold_apostrophes,
    loose_fold,
    original_span,
    search_fold,
)
from uzkz_desktop.text.sentences import split_sentences
from uzkz_desktop.text.translit import cyrillic_to_latin, latin_to_cyrillic

__all__ = [
    "canonical",
    "canonical_with_offsets",
    "cyrillic_to_latin",
    "detect_language",
    "fold_apostrophes",
    "latin_to_cyrillic",
    "loose_fold",
    "original_span",
    "paragraph_languages",
    "search_fold",
    "split_sentences",
]
