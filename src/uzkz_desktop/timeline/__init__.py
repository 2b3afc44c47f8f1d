"""Timeline maths: viewport, ticks, lanes, level of detail, overview. No Qt.

What a timeline widget keeps, and when it rebuilds it:

    events = EventArrays.from_columns(ids, start_day, end_day, precision, category)
    lanes = LanesLayout(events, category_names)          # per load or category filter
    limits = ViewLimits.around(events.first_day, events.last_day)
    view = Viewport(limits.first, limits.last, width)     # replaced on every gesture

Wheel: `view.zoom_at(x, 1.0015 ** delta).clamped(limits, anchor_x=x)`; drag:
`view.pan(dx).clamped(limits)`; resize: `view.resized(w)`; keys: `zoom_in()`,
`zoom_out()`, `step_event` + `centre_on`; fit all: `events.fit_days()` (where events
are, not where long periods end). Each paint calls `build_frame(..., rows_hint=last.rows)`
once and draws the Frame (passing the last frame's rows keeps band heights steady while
panning); hit tests, density and cluster clicks ask that same Frame. Packing is per zoom
bucket and lazy: `lanes.warm(range(lanes.finest_bucket, 5))` at idle avoids the one-off
cost when a zoom first enters a bucket (and `lanes.units(p)`, `lanes.density_days(u)`
those of the month and year stacks).
"""

from .events import EventArrays
from .frame import (
    Band,
    Cluster,
    DensityHit,
    DensityLayer,
    DensityStrip,
    Frame,
    FrameGeometry,
    Hover,
    Item,
    ItemColumns,
    OverflowMark,
    RowPlan,
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
    "Cluster",
    "DensityHit",
    "DensityLayer",
    "DensityStrip",
    "EventArrays",
    "Frame",
    "FrameGeometry",
    "Hover",
    "Item",
    "ItemColumns",
    "LanesLayout",
    "OverflowMark",
    "Overview",
    "RowPlan",
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
