"""Timeline maths: viewport, ticks, lanes, level of detail, overview. No Qt.

What a timeline widget keeps, and when it rebuilds it:

    events = EventArrays.from_columns(ids, start_day, end_day, precision, category)
    lanes = LanesLayout(events, category_names)          # per load or category filter
    limits = ViewLimits.around(events.first_day, events.last_day)
    view = Viewport(limits.first, limits.last, width)     # replaced on every gesture

Wheel: `view.zoom_at(x, 1.0015 ** delta).clamped(limits, anchor_x=x)`; drag:
`view.pan(dx).clamped(limits)`; resize: `view.resized(w)`; keys: `zoom_in()`,
`zoom_out()`, `step_event` + `centre_on`. Each paint calls `build_frame(...)` once and
draws the Frame; hit tests and density clicks ask that same Frame. Packing is per zoom
bucket and lazy: `lanes.warm(range(lanes.finest_bucket, 5))` at idle avoids the one-off
cost when a zoom first enters a bucket.
"""

from .events import EventArrays
from .frame import (
    Band,
    DensityHit,
    DensityStrip,
    Frame,
    FrameGeometry,
    Hover,
    Item,
    OverflowMark,
    build_frame,
)
from .lanes import BoxStyle, LanesLayout
from .navigation import event_days, events_in, next_event, prev_event, step_event
from .overview import Overview, viewport_from_overview_click, viewport_from_overview_drag
from .ticks import ENGLISH_MONTHS, Tick, Ticks, TickUnit, format_day, ticks
from .viewport import ViewLimits, Viewport

__all__ = [
    "ENGLISH_MONTHS",
    "Band",
    "BoxStyle",
    "DensityHit",
    "DensityStrip",
    "EventArrays",
    "Frame",
    "FrameGeometry",
    "Hover",
    "Item",
    "LanesLayout",
    "OverflowMark",
    "Overview",
    "Tick",
    "TickUnit",
    "Ticks",
    "ViewLimits",
    "Viewport",
    "build_frame",
    "event_days",
    "events_in",
    "format_day",
    "next_event",
    "prev_event",
    "step_event",
    "ticks",
    "viewport_from_overview_click",
    "viewport_from_overview_drag",
]
