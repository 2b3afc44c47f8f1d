"""The date grammar: dates as sources write them in uz-Latn, uz-Cyrl, ru, en, kk. Pure."""

from uzkz_desktop.dates.grammar import DateMention, find_dates, parse_date

__all__ = ["DateMention", "find_dates", "parse_date"]
