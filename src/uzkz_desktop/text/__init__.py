"""Multilingual text handling: apostrophes, scripts, languages, sentences. Pure."""
