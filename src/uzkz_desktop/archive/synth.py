"""A synthetic archive for benchmarks: `synthesize(out, n_events)` writes a realistic archive.

    report = synthesize(Path("/tmp/bench.uzkz"), 100_000, seed=7)

What is in it:

* sources (n/50, at least 20, at most 20,000): synthetic articles made of real corpus
  sentences (Uzbek Latin with the corpus's own apostrophes, Uzbek Cyrillic, Russian,
  English) dated to the events they attest, with title, author, year, page map (pages of
  about 3,000 characters, some sentences crossing a page) and an identity offset map: the
  original text differs from the cleaned one only where a space is a line break or a
  form feed (page break) there, so every offset is the same in both;
* events dated as the relations went (sparse in the 1990s, a surge from 2017, bursts
  around summits), 70 % to the day, 20 % to the month, 10 % to the year, 3 % periods of
  1–10 years; titles in English and Uzbek; categories skewed like the corpus; 94 %
  accepted, 5 % candidates, 1 % rejected, a few in the trash;
* 1–3 excerpts per event (each a whole sentence of its source; 15 % of events are
  attested by two or three sources), about 60 hierarchical tags (0–3 per event, 5 % of
  excerpts tagged), the gazetteer's entities linked to events, and n/20 figures stating
  numbers (trade turnover, investment, visitors…) of which some disagree on purpose.

How it is written: the schema comes from the real migrations (`migrate()`), then rows
go in with `executemany` inside a few big transactions on a private connection with the
journal and foreign-key enforcement off (the file is a temporary one beside `out`, removed
on any failure, so there is nothing to roll back to). The schema's own triggers, generated
columns, CHECK constraints and UNIQUE indexes still run on every row, so
`event_month_deltas`, `start_day`/`end_day` and the indexes are exactly what the
Transaction API would leave. `PRAGMA foreign_key_check` then proves every reference
resolves. Audit rows are skipped: the whole build is one batch (generation 1) recorded by
a single audit row, the insert of the `synthetic` meta key that describes the build. The
file is switched to WAL mode (as the app leaves its archives), synced, and renamed to
`out`.

Deterministic: the same seed and size give the same `canonical_dump()`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import sqlite3
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlite_utils import Database

from uzkz_desktop.core.errors import ArchiveError
from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.text import latin_to_cyrillic

from . import migrations
from ._synth_text import (
    APPROX_YEAR,
    DAY,
    DAY_PERIOD,
    HALF_YEAR,
    LANGUAGES,
    MONTH,
    YEAR,
    YEAR_PERIOD,
    Sentence,
    category_labels,
    date_phrase,
    dated,
    load_sentences,
    number_text,
)
from ._synth_vocab import (
    CATEGORIES,
    CATEGORY_TAGS,
    CATEGORY_WEIGHTS,
    CHECKPOINTS,
    CITIES,
    FORMATS,
    INITIALS,
    KZ_CITIES,
    MEASURES,
    ORGS,
    PRODUCTS,
    PUBLICATIONS,
    SOURCE_TITLES,
    SUMMITS,
    SURNAMES,
    TAGS,
    TITLES,
    TOPICS,
    UNIVERSITIES,
    UZ_CITIES,
    Entity,
    Measure,
    Slot,
    Template,
    kz_president,
    load_entities,
    ordinal_en,
    uz_president,
    year_weight,
)

__all__ = ["SynthReport", "synthesize"]

FIRST_YEAR, LAST_YEAR = 1991, 2027
GENERATOR_VERSION = 1
MAX_SOURCES = 20_000
PAGE_CHARS = 3_000

_FIRST_DAY = date(FIRST_YEAR, 1, 1).toordinal()
_LAST_DAY = date(LAST_YEAR, 12, 31).toordinal()
_EPOCH = date(1970, 1, 1).toordinal()

_PRECISION = {DAY: "day", MONTH: "month", YEAR: "year", APPROX_YEAR: "year",
              DAY_PERIOD: "day", YEAR_PERIOD: "year"}  # fmt: skip
_STATUSES = ("accepted", "candidate", "rejected")
# Slot languages: the source's language mostly; otherwise these (abstracts, quotations).
_OTHER_LANGUAGE_P = (0.3, 0.15, 0.2, 0.35)
_SOURCE_LANGUAGE_P = (0.70, 0.15, 0.07, 0.08)

Progress = Callable[[int, int], None]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class SynthReport:
    path: Path
    events: int
    seed: int
    counts: dict[str, int]  # rows per table
    conflicts: int  # (what, period) groups of figures that disagree
    seconds: float
    size_bytes: int


# -- the plan: every random draw that shapes the archive, as arrays --------------------------------


@dataclass(slots=True)
class _Plan:
    n: int
    start: list[int]  # date.toordinal() of the first and last day
    end: list[int]
    kind: list[int]  # a phrase kind of _synth_text (DAY ... YEAR_PERIOD)
    category: list[int]
    status: list[int]
    verified: list[bool]
    trashed: list[bool]
    n_tags: list[int]
    sources: IntArray  # (n, 3) source index of each excerpt, -1 for none
    languages: IntArray  # (n, 3) language index of each excerpt
    n_sources: int
    source_language: list[int]
    source_weights: npt.NDArray[np.float64]


def _iso(days: IntArray) -> npt.NDArray[np.datetime64]:
    return (days - _EPOCH).astype("datetime64[D]")


def _ordinals(days: npt.NDArray[Any]) -> IntArray:
    """date.toordinal() numbers of datetime64 values (of any unit: their first day)."""
    return days.astype("datetime64[D]").astype(np.int64) + _EPOCH


def _plan_days(rng: np.random.Generator, n: int) -> IntArray:
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    weights = np.array([year_weight(int(y)) for y in years])
    year = rng.choice(years, size=n, p=weights / weights.sum())
    jan1 = np.array([date(int(y), 1, 1).toordinal() for y in years], dtype=np.int64)
    length = np.array([366 if y % 4 == 0 else 365 for y in years], dtype=np.int64)
    k = year - FIRST_YEAR
    days = jan1[k] + (rng.random(n) * length[k]).astype(np.int64)
    # Bursts: a fifth of all events cluster around summits, a third of those on the day.
    summit_days = np.array([d.toordinal() for d, _ in SUMMITS], dtype=np.int64)
    summit_p = np.array([w for _, w in SUMMITS])
    summit = rng.choice(len(SUMMITS), size=n, p=summit_p / summit_p.sum())
    offset = np.clip(np.rint(rng.laplace(0.0, 6.0, n)), -45, 45).astype(np.int64)
    offset[rng.random(n) < 0.35] = 0
    burst = rng.random(n) < 0.2
    days = np.where(burst, summit_days[summit] + offset, days)
    return np.clip(days, _FIRST_DAY, _LAST_DAY)


def _plan_spans(rng: np.random.Generator, days: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    n = len(days)
    u = rng.random(n)
    kind = np.select([u < 0.70, u < 0.90, u < 0.99], [DAY, MONTH, YEAR], APPROX_YEAR)
    period = rng.random(n) < 0.03
    kind = np.where(period, np.where(rng.random(n) < 0.5, DAY_PERIOD, YEAR_PERIOD), kind)
    d = _iso(days)
    month = d.astype("datetime64[M]")
    year = d.astype("datetime64[Y]")
    start = np.select(
        [kind == MONTH, (kind == YEAR) | (kind == APPROX_YEAR) | (kind == YEAR_PERIOD)],
        [_ordinals(month), _ordinals(year)],
        days,
    )
    end = np.select(
        [kind == MONTH, (kind == YEAR) | (kind == APPROX_YEAR)],
        [
            _ordinals(month + np.timedelta64(1, "M")) - 1,
            _ordinals(year + np.timedelta64(1, "Y")) - 1,
        ],
        days,
    )
    # Periods: ambassadors' terms to the day (1-6 years), programmes by years (1-10).
    latest_start = date(LAST_YEAR - 1, 12, 31).toordinal()
    years_long = rng.choice(np.arange(1, 11), size=n, p=_period_years_p())
    first_year = np.minimum(year.astype(np.int64) + 1970, LAST_YEAR - 1)
    last_year = np.minimum(first_year + years_long, LAST_YEAR)
    programme_start = np.array(
        [date(int(y), 1, 1).toordinal() for y in range(1970, LAST_YEAR + 1)], dtype=np.int64
    )
    programme_end = np.array(
        [date(int(y), 12, 31).toordinal() for y in range(1970, LAST_YEAR + 1)], dtype=np.int64
    )
    term_start = np.minimum(days, latest_start)
    term_end = np.minimum(term_start + rng.integers(365, 6 * 365, n), _LAST_DAY)
    start = np.where(kind == YEAR_PERIOD, programme_start[first_year - 1970], start)
    end = np.where(kind == YEAR_PERIOD, programme_end[last_year - 1970], end)
    start = np.where(kind == DAY_PERIOD, term_start, start)
    end = np.where(kind == DAY_PERIOD, term_end, end)
    return start, end, kind


def _period_years_p() -> npt.NDArray[np.float64]:
    p = np.array([5, 6, 6, 5, 5, 2, 2, 1, 1, 2], dtype=np.float64)
    return p / p.sum()


def _plan(rng: np.random.Generator, n: int) -> _Plan:
    start, end, kind = _plan_spans(rng, _plan_days(rng, n))
    cat_p = np.array(list(CATEGORY_WEIGHTS.values()))
    category = rng.choice(len(CATEGORIES), size=n, p=cat_p / cat_p.sum())
    status = rng.choice(3, size=n, p=[0.94, 0.05, 0.01])
    verified = (status == 0) & (rng.random(n) < 0.35)
    trashed = np.zeros(n, dtype=bool)
    if n >= 50:
        trashed[rng.choice(n, size=max(1, round(n * 0.002)), replace=False)] = True
    n_tags = rng.choice(4, size=n, p=[0.25, 0.42, 0.23, 0.10])

    n_sources = min(max(n // 50, 20), MAX_SOURCES)
    weights = rng.lognormal(0.0, 0.5, n_sources)
    weights /= weights.sum()
    k = rng.choice(np.arange(1, 4), size=n, p=[0.85, 0.11, 0.04])
    # Most sources are about a stretch of time: source s takes the events whose place in
    # date order falls in its share (its weight) of the whole, give or take 1 %; the rest
    # go to any later source (surveys). A second or third source is a near neighbour.
    rank = np.empty(n, dtype=np.float64)
    rank[np.argsort(start, kind="stable")] = (np.arange(n) + rng.random(n)) / n
    place = np.abs(rank + rng.normal(0.0, 0.01, n))
    place = np.where(place > 1.0, 2.0 - place, place)  # reflected: the ends get no pile-up
    local = np.minimum(np.searchsorted(np.cumsum(weights), place), n_sources - 1)
    anywhere = np.minimum(
        np.searchsorted(np.cumsum(weights), rank + rng.random(n) * (1.0 - rank)), n_sources - 1
    )  # a later source looking back
    first = np.where(rng.random(n) < 0.85, local, anywhere)
    near = min(n_sources - 1, max(2, n_sources // 50))
    off1 = rng.integers(1, near + 1, n)
    off2 = rng.integers(1, near, n)
    off2 = off2 + (off2 >= off1)
    sources = np.stack([first, (first + off1) % n_sources, (first + off2) % n_sources], axis=1)
    sources[k < 2, 1] = -1
    sources[k < 3, 2] = -1
    source_language = rng.choice(4, size=n_sources, p=_SOURCE_LANGUAGE_P)
    other = rng.choice(4, size=(n, 3), p=_OTHER_LANGUAGE_P)
    languages = np.where(rng.random((n, 3)) < 0.92, source_language[np.maximum(sources, 0)], other)
    return _Plan(
        n=n,
        start=start.tolist(),
        end=end.tolist(),
        kind=kind.tolist(),
        category=category.tolist(),
        status=status.tolist(),
        verified=verified.tolist(),
        trashed=trashed.tolist(),
        n_tags=n_tags.tolist(),
        sources=sources.astype(np.int64),
        languages=languages.astype(np.int64),
        n_sources=n_sources,
        source_language=source_language.tolist(),
        source_weights=weights,
    )


# -- events ---------------------------------------------------------------------------------------


def _weighted(items: Sequence[tuple[Slot, float]]) -> tuple[list[Slot], list[float]]:
    values = [slot for slot, _ in items]
    cumulative = np.cumsum([w for _, w in items]).tolist()
    return values, cumulative


class _Titles:
    """Fills title templates: the same choices in English and Uzbek, plus the entities."""

    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.cities = _weighted(CITIES)
        self.uz_cities = _weighted(UZ_CITIES)
        self.kz_cities = _weighted(KZ_CITIES)

    def _city(self, pool: tuple[list[Slot], list[float]], avoid: Slot | None = None) -> Slot:
        for _ in range(4):
            city = self.r.choices(pool[0], cum_weights=pool[1])[0]
            if city != avoid:
                return city
        return city

    def title(self, template: Template, day: int) -> tuple[str, str, list[str]]:
        r = self.r
        en: dict[str, str] = {}
        uz: dict[str, str] = {}
        entities = list(template.entities)
        chosen: dict[str, Slot] = {}
        for slot in template.slots:
            value: Slot
            if slot == "uzp":
                value = uz_president(day)
            elif slot == "kzp":
                value = kz_president(day)
            elif slot == "city":
                value = self._city(self.cities)
            elif slot == "city2":
                value = self._city(self.cities, avoid=chosen.get("city"))
            elif slot == "uzcity":
                value = self._city(self.uz_cities)
            elif slot == "kzcity":
                value = self._city(self.kz_cities)
            elif slot == "org":
                value = r.choice(ORGS)
            elif slot == "uni":
                value = r.choice(UNIVERSITIES)
            elif slot == "topic":
                value = r.choice(TOPICS)
            elif slot == "product":
                value = r.choice(PRODUCTS)
            elif slot == "checkpoint":
                value = r.choice(CHECKPOINTS)
            elif slot == "n":
                number = r.randint(1, 30)
                value = (ordinal_en(number), str(number), None)
            elif slot == "k":
                number = r.randint(2, 80)
                value = (str(number), str(number), None)
            elif slot == "amount":
                amount = r.choice((0.5, 0.8, 1.2, 1.5, 1.7, 2.0, 3.0, 5.0, 10.0))
                value = (f"USD {amount:g} bn", f"{amount:g} mlrd dollar".replace(".", ","), None)
            else:  # "year"
                year = str(date.fromordinal(day).year)
                value = (year, year, None)
            chosen[slot] = value
            en[slot], uz[slot] = value[0], value[1]
            if value[2] is not None:
                entities.append(value[2])
        title_en = template.en.format_map(en)
        title_uz = template.uz.format_map(uz)
        return title_en[:1].upper() + title_en[1:], title_uz[:1].upper() + title_uz[1:], entities


def _edtf(kind: int, start: int, end: int) -> str:
    s, e = date.fromordinal(start), date.fromordinal(end)
    if kind == DAY:
        return s.isoformat()
    if kind == MONTH:
        return s.isoformat()[:7]
    if kind == YEAR:
        return str(s.year)
    if kind == APPROX_YEAR:
        return f"{s.year}~"
    if kind == DAY_PERIOD:
        return f"{s.isoformat()}/{e.isoformat()}"
    return f"{s.year}/{e.year}"


@dataclass(slots=True)
class _Ids:
    tags: dict[str, int]
    entities: dict[str, int]
    category_tags: list[list[int]]  # per category index


def _event_rows(
    plan: _Plan,
    r: random.Random,
    ids: _Ids,
    now: str,
    slot_tags: IntArray,
    first: int,
    last: int,
) -> tuple[list[tuple[Any, ...]], list[tuple[int, int]], list[tuple[int, int]]]:
    """Rows of events first..last-1 (0-based) and their tag and entity links."""
    titles = _Titles(r)
    events: list[tuple[Any, ...]] = []
    event_tags: list[tuple[int, int]] = []
    event_entities: list[tuple[int, int]] = []
    n_slots = (plan.sources[first:last] >= 0).sum(axis=1).tolist()
    primary_language = plan.languages[first:last, 0].tolist()
    all_tags = list(ids.tags.values())
    uzbekistan, kazakhstan = ids.entities.get("uzbekistan"), ids.entities.get("kazakhstan")
    entity_ids = list(ids.entities.values())
    for i in range(first, last):
        event_id = i + 1
        start, end, kind, cat = plan.start[i], plan.end[i], plan.kind[i], plan.category[i]
        category = CATEGORIES[cat]
        template = r.choice(TITLES[category])
        title_en, title_uz, entity_keys = titles.title(template, start)
        language = LANGUAGES[primary_language[i - first]]
        date_text = date_phrase(language, kind, start, end)
        s, e = date.fromordinal(start).isoformat(), date.fromordinal(end).isoformat()
        events.append((
            event_id, title_en, title_uz, date_text, s, e, _PRECISION[kind],
            int(kind == APPROX_YEAR), _edtf(kind, start, end), category,
            _STATUSES[plan.status[i]], int(plan.verified[i]),
            now if plan.trashed[i] else None, now, now,
        ))  # fmt: skip
        # Tags: from the category's set, now and then one from anywhere.
        pool = ids.category_tags[cat]
        tags = r.sample(pool, min(plan.n_tags[i], len(pool)))
        if tags and r.random() < 0.1:
            tags[-1] = r.choice(all_tags)
        tags = list(dict.fromkeys(tags))
        event_tags.extend((event_id, t) for t in tags)
        for j in range(n_slots[i - first]):
            if r.random() < 0.05:
                slot_tags[i, j] = r.choice(tags) if tags else r.choice(pool)
        # Entities: the title's, often the two countries, sometimes one more.
        linked = [ids.entities[k] for k in entity_keys if k in ids.entities]
        if uzbekistan is not None and r.random() < 0.3:
            linked.append(uzbekistan)
        if kazakhstan is not None and r.random() < 0.3:
            linked.append(kazakhstan)
        if r.random() < 0.15:
            linked.append(r.choice(entity_ids))
        event_entities.extend((event_id, e_id) for e_id in dict.fromkeys(linked))
    return events, event_tags, event_entities


# -- figures --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Figure:
    measure: Measure
    kind: int  # YEAR, MONTH or HALF_YEAR
    start: int
    end: int
    value: float
    event: int  # 0-based event index, -1 for none
    source: int

    @property
    def period(self) -> str:
        s, e = date.fromordinal(self.start), date.fromordinal(self.end)
        if self.kind == YEAR:
            return str(s.year)
        if self.kind == MONTH:
            return s.isoformat()[:7]
        return f"{s.isoformat()[:7]}/{e.isoformat()[:7]}"


def _figure_value(
    measure: Measure, kind: int, start: int, seed: int, *, alternative: bool
) -> float:
    """The value 'everyone' states for (what, period); `alternative` is the disagreeing one."""
    d = date.fromordinal(start)
    yearly = random.Random(f"{seed}|{measure.what}|{d.year}")
    value = measure.base * measure.growth ** (d.year - 1992) * yearly.uniform(0.8, 1.2)
    keyed = random.Random(f"{seed}|{measure.what}|{kind}|{d.isoformat()}")
    if kind == MONTH:
        value = value / 12 * keyed.uniform(0.75, 1.25)
    elif kind == HALF_YEAR:
        value = value / 2 * keyed.uniform(0.9, 1.1)
    step = 10.0**-measure.decimals
    value = max(round(value, measure.decimals), step)
    if alternative:
        other = round(value * keyed.choice((0.8, 0.87, 1.1, 1.15, 1.3)), measure.decimals)
        value = other if other != value else round(value + step, measure.decimals)
    return value


def _conflicting(measure: Measure, kind: int, start: int, seed: int) -> bool:
    """About one (what, period) in eight is stated differently by different sources."""
    return random.Random(f"{seed}|conflict|{measure.what}|{kind}|{start}").random() < 0.125


def _plan_figures(
    plan: _Plan, rng: np.random.Generator, r: random.Random, seed: int
) -> list[_Figure]:
    n_figures = max(4, plan.n // 20)
    measures = [m for m, _ in MEASURES]
    measure_p = np.array([w for _, w in MEASURES])
    chosen = rng.choice(len(measures), size=n_figures, p=measure_p / measure_p.sum()).tolist()
    years = list(range(1992, LAST_YEAR))
    year_w = np.cumsum([year_weight(y) for y in years]).tolist()
    # Events a figure may belong to: economic ones, by year.
    economic = {CATEGORIES.index(c) for c in ("economy", "investment", "tourism", "transport",
                                               "energy", "education")}  # fmt: skip
    by_year: dict[int, list[int]] = {}
    any_by_year: dict[int, list[int]] = {}
    for i in range(plan.n):
        year = date.fromordinal(plan.start[i]).year
        any_by_year.setdefault(year, []).append(i)
        if plan.category[i] in economic and plan.kind[i] in (DAY, MONTH, YEAR):
            by_year.setdefault(year, []).append(i)
    source_cum = np.cumsum(plan.source_weights).tolist()
    source_range = range(plan.n_sources)
    figures: list[_Figure] = []
    for f in range(n_figures):
        measure = measures[chosen[f]]
        if f < 2:  # the first two always disagree: the conflict view has data at any size
            measure, kind, year = measures[0], YEAR, 2022
        else:
            year = r.choices(years, cum_weights=year_w)[0]
            year = max(year, measure.first_year)
            u = r.random() if measure.months and year >= 2017 else 1.0
            kind = MONTH if u < 0.25 else HALF_YEAR if u < 0.35 else YEAR
        start = date(year, 1, 1)
        if kind == MONTH:
            start = date(year, r.randint(1, 12), 1)
        end = {
            YEAR: date(year, 12, 31),
            HALF_YEAR: date(year, 6, 30),
            MONTH: date.fromordinal(
                date(year + start.month // 12, start.month % 12 + 1, 1).toordinal() - 1
            ),
        }[kind]
        conflict = f < 2 or _conflicting(measure, kind, start.toordinal(), seed)
        alternative = f == 1 or (f >= 2 and conflict and r.random() < 0.5)
        value = _figure_value(measure, kind, start.toordinal(), seed, alternative=alternative)
        event = -1
        candidates = by_year.get(year)
        if candidates and r.random() < 0.5:
            event = r.choice(candidates)
        if event < 0 and any_by_year.get(year):
            # A source about that time: the one that tells of some event of the year.
            source = int(plan.sources[r.choice(any_by_year[year]), 0])
        elif event >= 0:
            source = int(plan.sources[event, 0])
        else:
            source = r.choices(source_range, cum_weights=source_cum)[0]
        if f == 1 and source == figures[0].source:
            source = (source + 1) % plan.n_sources
        figures.append(
            _Figure(measure, kind, start.toordinal(), end.toordinal(), value, event, source)
        )
    return figures


def _figure_sentence(figure: _Figure, language: str) -> tuple[str, str]:
    m = figure.measure
    phrase = date_phrase(language, figure.kind, figure.start, figure.end)
    template = {"uz-Latn": m.uz, "uz-Cyrl": m.uzc, "ru": m.ru, "en": m.en}[language]
    text = template.format(date=phrase, value=number_text(figure.value, m.decimals, language))
    return text, phrase


# -- sources ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Corpus:
    pools: dict[tuple[str, str], list[Sentence]]
    by_language: dict[str, list[Sentence]]
    labels: dict[str, dict[str, str]]


def _corpus(resources: Path) -> _Corpus:
    sentences = load_sentences(resources)
    if not sentences:
        raise ArchiveError(f"no corpus sentences in {resources / 'corpus'}: cannot synthesize")
    by_language: dict[str, list[Sentence]] = {}
    pools: dict[tuple[str, str], list[Sentence]] = {}
    for s in sentences:
        by_language.setdefault(s.language, []).append(s)
        pools.setdefault((s.language, s.category), []).append(s)
    for language in LANGUAGES:  # a language the corpus lacks borrows from the largest
        if language not in by_language:
            by_language[language] = max(by_language.values(), key=len)
    return _Corpus(pools, by_language, category_labels(resources))


@dataclass(slots=True)
class _SourceBatch:
    sources: list[tuple[Any, ...]]
    excerpts: list[tuple[Any, ...]]
    event_excerpts: list[tuple[int, int]]
    excerpt_tags: list[tuple[int, int]]
    figures: list[tuple[Any, ...]]


class _SourceWriter:
    """Builds each source's text around the excerpts (and figure sentences) it holds."""

    def __init__(
        self,
        plan: _Plan,
        figures: list[_Figure],
        corpus: _Corpus,
        r: random.Random,
        slot_tags: IntArray,
        now: str,
    ) -> None:
        self.plan, self.figures, self.corpus, self.r, self.now = plan, figures, corpus, r, now
        self.slot_tags = slot_tags.tolist()
        self.languages = plan.languages.tolist()
        # Excerpt slots grouped by source, in date order within a source.
        events, slots = np.nonzero(plan.sources >= 0)
        slot_source = plan.sources[events, slots]
        starts = np.asarray(plan.start, dtype=np.int64)[events]
        order = np.lexsort((slots, events, starts, slot_source))
        self.slot_event = events[order].tolist()
        self.slot_index = slots[order].tolist()
        self.bounds = np.searchsorted(slot_source[order], np.arange(plan.n_sources + 1)).tolist()
        self.figures_of: dict[int, list[int]] = {}
        for k, figure in enumerate(figures):
            self.figures_of.setdefault(figure.source, []).append(k)
        self.next_excerpt = 1

    def batch(self, first: int, last: int) -> _SourceBatch:
        out = _SourceBatch([], [], [], [], [])
        for s in range(first, last):
            self._source(s, out)
        return out

    def _source(self, s: int, out: _SourceBatch) -> None:
        plan, r, now = self.plan, self.r, self.now
        language = LANGUAGES[plan.source_language[s]]
        # Items in date order: (day, 0, slot position) for excerpts, (day, 1, figure index).
        items = [(plan.start[self.slot_event[p]], 0, p) for p in range(*self.bounds[s : s + 2])]
        items += [(self.figures[k].start, 1, k) for k in self.figures_of.get(s, [])]
        items.sort()
        categories = [plan.category[self.slot_event[p]] for _, what, p in items if what == 0]
        years = [date.fromordinal(day).year for day, _, _ in items] or [2024]
        key = f"syn-{s + 1:05d}"
        title, title_en, author = self._titles(language, categories, years)

        parts: list[str] = [title]
        marks: dict[int, str] = {}  # offsets where the original has another character
        pos = len(title)
        if author:
            parts.append("\n\n" + author)
            pos += 2 + len(author)
        pages: list[tuple[int, str]] = [(0, str(r.choice((1, 1, 1, 5, 17, 45, 112, 211, 411))))]
        page_number = int(pages[0][1])
        next_break = PAGE_CHARS + r.randint(-400, 400)
        spans: list[tuple[int, int, int, int, str, str, str]] = []  # start, end, kind, idx...
        languages_seen: dict[str, int] = {language: 0}
        in_paragraph, paragraph_size = 0, r.randint(2, 5)
        for _, what, index in items:
            if what == 0:
                event = self.slot_event[index]
                slot = self.slot_index[index]
                text, date_text, sentence_language = self._excerpt_text(event, slot)
            else:
                sentence_language = language
                text, date_text = _figure_sentence(self.figures[index], language)
            for text_, is_item in self._with_filler(text, sentence_language):
                if in_paragraph == 0 or in_paragraph >= paragraph_size:
                    separator = "\n\n"
                    in_paragraph, paragraph_size = 0, r.randint(2, 5)
                else:
                    separator = " "
                    if r.random() < 0.5:
                        marks[pos] = "\n"  # a line break in the original
                pos += len(separator)
                parts.append(separator + text_)
                in_paragraph += 1
                # Page breaks: at a space inside the sentence that passes the page end.
                while next_break < pos + len(text_):
                    cut = text_.rfind(" ", 0, max(next_break - pos, 1))
                    if cut <= 0:
                        page_start = pos
                        marks[pos - 1] = "\f"
                    else:
                        page_start = pos + cut + 1
                        marks[pos + cut] = "\f"
                    page_number += 1
                    if page_start > pages[-1][0]:
                        pages.append((page_start, str(page_number)))
                    next_break = page_start + PAGE_CHARS + r.randint(-400, 400)
                if is_item:
                    spans.append((pos, pos + len(text_), what, index, text_, date_text,
                                  sentence_language))  # fmt: skip
                    languages_seen[sentence_language] = languages_seen.get(sentence_language, 0) + 1
                pos += len(text_)
        cleaned = "".join(parts)
        original = _with_marks(cleaned, marks)
        source_id = s + 1
        page_starts = [p for p, _ in pages]
        for start, end, what, index, text, date_text, sentence_language in spans:
            first = bisect_right(page_starts, start) - 1
            last = bisect_right(page_starts, end - 1) - 1
            page = pages[first][1] if first == last else f"{pages[first][1]}–{pages[last][1]}"
            excerpt_id = self.next_excerpt
            self.next_excerpt += 1
            out.excerpts.append((excerpt_id, source_id, start, end, start, end, page, text,
                                 sentence_language, date_text, now))  # fmt: skip
            if what == 0:
                event = self.slot_event[index]
                out.event_excerpts.append((event + 1, excerpt_id))
                tag = self.slot_tags[event][self.slot_index[index]]
                if tag >= 0:
                    out.excerpt_tags.append((excerpt_id, tag))
            else:
                f = self.figures[index]
                out.figures.append((
                    index + 1, f.measure.what, f.value, f.measure.unit, f.period,
                    date.fromordinal(f.start).isoformat(), date.fromordinal(f.end).isoformat(),
                    excerpt_id, f.event + 1 if f.event >= 0 else None, now,
                ))  # fmt: skip
        year = min(max(years), LAST_YEAR - 1)
        issued = str(year) if r.random() < 0.5 else f"{year}-{r.randint(1, 12):02d}"
        fmt = r.choices([f for f, _ in FORMATS], weights=[w for _, w in FORMATS])[0]
        listed = sorted(languages_seen, key=lambda lang: (-languages_seen[lang], lang))
        out.sources.append((
            source_id, key, f"{key}.{fmt}", title, title_en, author,
            r.choice(PUBLICATIONS[language]), issued, year, _json(listed), fmt,
            hashlib.sha256(f"{key}\n{original}".encode()).hexdigest(), original, cleaned,
            _json([[p, label] for p, label in pages]),
            _json({"length": len(cleaned), "runs": [[0, 0]]}), "[]", now,
        ))  # fmt: skip

    def _with_filler(self, text: str, language: str) -> Iterator[tuple[str, bool]]:
        """The item, sometimes followed by an undated corpus sentence (context)."""
        yield text, True
        if self.r.random() < 0.2:
            yield self.r.choice(self.corpus.by_language[language]).text, False

    def _excerpt_text(self, event: int, slot: int) -> tuple[str, str, str]:
        plan, r = self.plan, self.r
        language = LANGUAGES[self.languages[event][slot]]
        category = CATEGORIES[plan.category[event]]
        pool = self.corpus.pools.get((language, category))
        if pool is None or len(pool) < 3 or r.random() < 0.15:
            pool = self.corpus.by_language[language]
        sentence = r.choice(pool)
        kind, start, end = plan.kind[event], plan.start[event], plan.end[event]
        phrase = date_phrase(sentence.language, kind, start, end)
        text, date_text = dated(
            sentence, phrase, date.fromordinal(start).year, replace_only=kind == YEAR
        )
        return text, date_text, sentence.language

    def _titles(
        self, language: str, categories: list[int], years: list[int]
    ) -> tuple[str, str, str | None]:
        r = self.r
        if categories:
            main = CATEGORIES[max(set(categories), key=lambda c: (categories.count(c), -c))]
        else:
            main = "diplomacy"
        labels = self.corpus.labels.get(main, {})
        topic = labels.get(language, main)
        topic_en = labels.get("en", main)
        ordered = sorted(years)  # surveys aside, a source is about its middle years
        y2 = min(ordered[-1], LAST_YEAR - 1)  # written by now, if about plans
        y1 = min(ordered[len(ordered) // 10], y2)
        span = f"{y1}–{y2}" if y1 != y2 else str(y1)
        title = r.choice(SOURCE_TITLES[language]).format(topic=topic, years=span, year=y2)
        title_en = SOURCE_TITLES["en"][0].format(topic=topic_en.lower(), years=span, year=y2)
        if language == "en":
            title_en = title
        author: str | None = None
        if r.random() < 0.85:
            author = f"{r.choice(SURNAMES)} {r.choice(INITIALS)}.{r.choice(INITIALS)}."
            if language in ("uz-Cyrl", "ru"):
                author = latin_to_cyrillic(author)
        return title, title_en, author


def _with_marks(text: str, marks: dict[int, str]) -> str:
    if not marks:
        return text
    pieces: list[str] = []
    previous = 0
    for offset in sorted(marks):
        pieces.append(text[previous:offset])
        pieces.append(marks[offset])
        previous = offset + 1
    pieces.append(text[previous:])
    return "".join(pieces)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# -- writing ---------------------------------------------------------------------------------------

_INSERT_EVENT = (
    "INSERT INTO events (id, title_en, title_uz, date_text, start_date, end_date, precision,"
    " approximate, edtf, category, status, verified, deleted_at, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SOURCE = (
    "INSERT INTO sources (id, key, file_name, title, title_en, author, publication, issued,"
    " year, languages, format, sha256, original_text, cleaned_text, page_map, offset_map,"
    " notes, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EXCERPT = (
    "INSERT INTO excerpts (id, source_id, char_start, char_end, clean_start, clean_end, page,"
    " text, language, date_text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_FIGURE = (
    "INSERT INTO figures (id, what, value, unit, period, period_start, period_end, excerpt_id,"
    " event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_TABLES = (
    "sources", "excerpts", "events", "event_excerpts", "tags", "event_tags", "excerpt_tags",
    "entities", "event_entities", "figures", "event_month_deltas", "audit_log",
)  # fmt: skip

EVENT_CHUNK = 50_000
SOURCE_CHUNK = 250


def _temp_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.synth-{os.getpid()}.tmp")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def synthesize(
    out: Path,
    n_events: int,
    *,
    seed: int = 7,
    progress: Progress | None = None,
    overwrite: bool = False,
) -> SynthReport:
    """Write a new synthetic archive of `n_events` events to `out` (see the module doc).

    Refuses an existing `out` unless `overwrite` (then `out` must not be open anywhere:
    its -wal/-shm files are removed with it). The archive is built in a temporary file
    beside `out` and renamed at the end, so a failure leaves no partial archive.
    `progress(done, total)` is called now and then; the units are events written plus
    excerpts written.
    """
    out = Path(out)
    if n_events < 1:
        raise ValueError(f"n_events must be at least 1, not {n_events}")
    if out.exists() and not overwrite:
        raise ArchiveError(f"{out} already exists; choose another file or allow overwriting")
    if out.is_dir():
        raise ArchiveError(f"{out} is a folder, not an archive file")
    if not out.parent.is_dir():
        raise ArchiveError(f"cannot create {out}: the folder {out.parent} does not exist")
    t0 = time.perf_counter()
    temp = _temp_path(out)
    _remove(temp)
    try:
        counts, conflicts = _build(temp, n_events, seed, progress)
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            for suffix in ("-wal", "-shm", "-journal"):
                out.with_name(out.name + suffix).unlink(missing_ok=True)
        os.replace(temp, out)
    except BaseException:
        _remove(temp)
        raise
    _sync_folder(out.parent)
    return SynthReport(
        path=out,
        events=n_events,
        seed=seed,
        counts=counts,
        conflicts=conflicts,
        seconds=time.perf_counter() - t0,
        size_bytes=out.stat().st_size,
    )


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible everywhere (Windows); the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass(slots=True)
class _Batch:
    """Rows for one transaction, and the progress they make (events + excerpts written)."""

    inserts: list[tuple[str, list[tuple[Any, ...]]]]
    done: int


def _batches(
    plan: _Plan, figures: list[_Figure], corpus: _Corpus, ids: _Ids, r: random.Random, now: str
) -> Iterator[_Batch]:
    """Every row, in a fixed order: all the randomness is drawn here, in this order."""
    slot_tags = np.full((plan.n, 3), -1, dtype=np.int64)
    for first in range(0, plan.n, EVENT_CHUNK):
        last = min(first + EVENT_CHUNK, plan.n)
        events, event_tags, event_entities = _event_rows(plan, r, ids, now, slot_tags, first, last)
        yield _Batch(
            [
                (_INSERT_EVENT, events),
                ("INSERT INTO event_tags VALUES (?, ?)", event_tags),
                ("INSERT INTO event_entities VALUES (?, ?)", event_entities),
            ],
            last,
        )
    writer = _SourceWriter(plan, figures, corpus, r, slot_tags, now)
    for first in range(0, plan.n_sources, SOURCE_CHUNK):
        batch = writer.batch(first, min(first + SOURCE_CHUNK, plan.n_sources))
        yield _Batch(
            [
                (_INSERT_SOURCE, batch.sources),
                (_INSERT_EXCERPT, batch.excerpts),
                ("INSERT INTO event_excerpts VALUES (?, ?)", batch.event_excerpts),
                ("INSERT INTO excerpt_tags VALUES (?, ?)", batch.excerpt_tags),
                (_INSERT_FIGURE, batch.figures),
            ],
            plan.n + writer.next_excerpt - 1,
        )


def _build(path: Path, n: int, seed: int, progress: Progress | None) -> tuple[dict[str, int], int]:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    resources = resources_dir()
    corpus = _corpus(resources)
    entities = load_entities(resources)
    rng = np.random.Generator(np.random.PCG64(seed))
    r = random.Random(seed)
    plan = _plan(rng, n)
    figures = _plan_figures(plan, rng, r, seed)
    ids, vocabulary = _vocabulary(entities)
    total = n + int((plan.sources >= 0).sum()) + len(figures)

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in (
            "journal_mode = OFF", "synchronous = OFF", "foreign_keys = OFF",
            "cache_size = -262144", "temp_store = MEMORY",
        ):  # fmt: skip
            conn.execute(f"PRAGMA {pragma}")
        migrations.migrate(Database(conn, execute_plugins=False), path=path, now=now)
        batches = _batches(plan, figures, corpus, ids, r, now)
        for batch in itertools.chain([_Batch(vocabulary, 0)], batches):
            conn.execute("BEGIN")
            for sql, rows in batch.inserts:
                conn.executemany(sql, rows)
            conn.execute("COMMIT")
            if progress and batch.done:
                progress(batch.done, total)
        _finish(conn, n, seed, now)
        problems = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
        if problems:
            raise ArchiveError(f"synthetic archive has dangling references: {problems}")
        counts = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in _TABLES}
        conflicts = int(
            conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM figures GROUP BY what, period"
                " HAVING count(DISTINCT value) > 1 OR count(DISTINCT unit) > 1)"
            ).fetchone()[0]
        )
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    if progress:
        progress(total, total)
    return counts, conflicts


def _vocabulary(entities: list[Entity]) -> tuple[_Ids, list[tuple[str, list[tuple[Any, ...]]]]]:
    """Tag and entity ids, and their rows."""
    tag_ids: dict[str, int] = {}
    tags: list[tuple[Any, ...]] = []
    for tag_id, (name, color) in enumerate(TAGS, start=1):
        parent = name.rpartition("/")[0]
        tags.append((tag_id, name, color, tag_ids[parent] if parent else None))
        tag_ids[name] = tag_id
    entity_rows = [
        (i, e.name, e.kind, _json(list(e.aliases))) for i, e in enumerate(entities, start=1)
    ]
    entity_ids = {e.key: i for i, e in enumerate(entities, start=1)}
    category_tags = [[tag_ids[t] for t in CATEGORY_TAGS[c]] for c in CATEGORIES]
    rows = [
        ("INSERT INTO tags (id, name, color, parent_id) VALUES (?, ?, ?, ?)", tags),
        ("INSERT INTO entities (id, name, kind, aliases) VALUES (?, ?, ?, ?)", entity_rows),
    ]
    return _Ids(tag_ids, entity_ids, category_tags), rows


def _finish(conn: sqlite3.Connection, n: int, seed: int, now: str) -> None:
    """One batch, one generation: the meta key describing the build and its audit row."""
    value = _json({"events": n, "generator": GENERATOR_VERSION, "seed": seed})
    conn.execute("BEGIN")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'generation'")
    conn.execute("INSERT INTO meta (key, value) VALUES ('synthetic', ?)", (value,))
    conn.execute(
        "INSERT INTO audit_log (batch_id, at, actor, action, op, table_name, row_id, before,"
        " after) VALUES (1, ?, 'synth', ?, 'insert', 'meta', 0, NULL, ?)",
        (now, f"synthesize {n} events (seed {seed})", _json({"key": "synthetic", "value": value})),
    )
    conn.execute("COMMIT")
