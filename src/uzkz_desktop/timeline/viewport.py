"""The visible stretch of time and the pixel width it is drawn into.

Days are float day numbers (`date.toordinal()`; day d covers [d, d + 1)). Every method
returns a new Viewport: a widget keeps one value and replaces it on wheel, drag or key.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

DAYS_PER_YEAR = 365.2425
ZOOM_STEP = 1.5  # one key press: + / - change the visible span by this factor
MIN_SPAN_DAYS = 2.0  # a single day still fills half the width
EMPTY_ARCHIVE_YEARS = 60.0
_ARCHIVE_FIRST, _ARCHIVE_LAST = date(1991, 1, 1).toordinal(), date(2027, 12, 31).toordinal()


@dataclass(frozen=True, slots=True)
class ViewLimits:
    """Where a viewport may go: inside [first, last], at least `min_span` days wide."""

    first: float
    last: float
    min_span: float = MIN_SPAN_DAYS

    def __post_init__(self) -> None:
        if not self.last - self.first >= self.min_span > 0:
            raise ValueError(f"limits narrower than min_span: {self}")

    @property
    def max_span(self) -> float:
        return self.last - self.first

    @classmethod
    def around(
        cls, first_day: float | None, last_day: float | None, margin: float = 0.03
    ) -> ViewLimits:
        """The archive span (last day inclusive) plus `margin` of it on each side.

        An empty archive gets 60 years around 1991–2027; a tiny one still gets a year,
        so a handful of events can be seen in context.
        """
        if first_day is None or last_day is None:
            centre = (_ARCHIVE_FIRST + _ARCHIVE_LAST + 1) / 2
            half = EMPTY_ARCHIVE_YEARS * DAYS_PER_YEAR / 2
            return cls(centre - half, centre + half)
        span = max(last_day + 1 - first_day, DAYS_PER_YEAR)
        centre = (first_day + last_day + 1) / 2
        half = span * (1 + 2 * margin) / 2
        return cls(centre - half, centre + half)


@dataclass(frozen=True, slots=True)
class Viewport:
    """Days start..end (float) across width_px pixels; x = 0 is `start`."""

    start: float
    end: float
    width_px: int

    def __post_init__(self) -> None:
        if self.width_px <= 0 or not self.end > self.start:
            raise ValueError(f"empty viewport: {self}")

    @property
    def span(self) -> float:
        return self.end - self.start

    @property
    def days_per_px(self) -> float:
        return self.span / self.width_px

    @property
    def px_per_day(self) -> float:
        return self.width_px / self.span

    @property
    def centre(self) -> float:
        return (self.start + self.end) / 2

    def x_for(self, day: float) -> float:
        return (day - self.start) * self.px_per_day

    def xs_for(self, days: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """x_for over an array, in one numpy pass."""
        return (np.asarray(days, dtype=np.float64) - self.start) * self.px_per_day

    def day_at(self, x: float) -> float:
        return self.start + x * self.days_per_px

    def zoom_at(self, x_px: float, factor: float) -> Viewport:
        """Zoom in by `factor` (> 1 in, < 1 out) keeping the day under x_px under x_px."""
        if not factor > 0:
            raise ValueError(f"zoom factor must be positive: {factor}")
        return self._with_span_at(x_px, self.span / factor)

    def zoom_in(self, step: float = ZOOM_STEP) -> Viewport:
        return self.zoom_at(self.width_px / 2, step)

    def zoom_out(self, step: float = ZOOM_STEP) -> Viewport:
        return self.zoom_at(self.width_px / 2, 1 / step)

    def pan(self, dx_px: float) -> Viewport:
        """Follow a drag of dx_px: positive drags the content right, showing earlier days."""
        shift = -dx_px * self.days_per_px
        return Viewport(self.start + shift, self.end + shift, self.width_px)

    def centre_on(self, day: float) -> Viewport:
        half = self.span / 2
        return Viewport(day - half, day + half, self.width_px)

    def fit(self, start: float, end: float, margin: float = 0.03) -> Viewport:
        """Show start..end with `margin` of the width free on each side (same width)."""
        span = max(end - start, 1e-9)
        inner = 1 - 2 * margin
        if not inner > 0:
            raise ValueError(f"margin too large: {margin}")
        pad = span / inner * margin
        return Viewport(start - pad, end + pad, self.width_px)

    def resized(self, width_px: int) -> Viewport:
        """A widget resize: keep start and the scale, show more or less on the right."""
        return Viewport(self.start, self.start + self.days_per_px * width_px, width_px)

    def clamped(self, limits: ViewLimits, anchor_x: float | None = None) -> Viewport:
        """Within the limits. When the span must change it changes about anchor_x (the
        cursor during a wheel zoom; the centre by default), then the window slides inside.
        """
        span = min(max(self.span, limits.min_span), limits.max_span)
        view = self
        if not math.isclose(span, self.span, rel_tol=1e-12):
            x = self.width_px / 2 if anchor_x is None else anchor_x
            view = self._with_span_at(x, span)
        if view.start < limits.first:
            return Viewport(limits.first, limits.first + span, self.width_px)
        if view.end > limits.last:
            return Viewport(limits.last - span, limits.last, self.width_px)
        return view

    def _with_span_at(self, x_px: float, span: float) -> Viewport:
        anchor = self.day_at(x_px)
        start = anchor - x_px * span / self.width_px
        return Viewport(start, start + span, self.width_px)
