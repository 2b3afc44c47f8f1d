"""The date grammar: dates as sources write them in uz-Latn, uz-Cyrl, ru, en, kk. Pure."""
