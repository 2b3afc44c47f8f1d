"""Item models: thin adapters over plain Python lists.

`SearchResultsModel` lists the hits of the current search and fetches more in batches as
the view scrolls (`canFetchMore`/`fetchMore` ask the panel, through `more_requested`, to
run the search again with a larger limit; `extend` appends what came back).
`FacetModel` is one facet (category, decade, source, tag, language) as a checkable list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from .formatting import page_label, span_in_words, span_of
from .services import SearchOutcome

if TYPE_CHECKING:
    from uzkz_desktop.archive.models import EventRow
    from uzkz_desktop.search.model import Hit, Snippet

BATCH = 50

AnyIndex = QModelIndex | QPersistentModelIndex

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
EVENT_ROLE = Qt.ItemDataRole.UserRole + 3
DATE_ROLE = Qt.ItemDataRole.UserRole + 4
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 5
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 6
TITLE_SPANS_ROLE = Qt.ItemDataRole.UserRole + 7
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 8
VALUE_ROLE = Qt.ItemDataRole.UserRole + 20
COUNT_ROLE = Qt.ItemDataRole.UserRole + 21


@dataclass(frozen=True, slots=True)
class ResultRow:
    hit: Hit
    event: EventRow | None  # None when the event vanished since the index was built

    @property
    def event_id(self) -> int:
        return self.hit.event_id

    @property
    def title(self) -> str:
        return self.event.title_en if self.event is not None else f"#{self.hit.event_id}"

    @property
    def title_spans(self) -> tuple[tuple[int, int], ...]:
        """The hit's title highlights that fall in the English title (the index's title is
        'English · Uzbek')."""
        size = len(self.title)
        return tuple((s, min(e, size)) for s, e in self.hit.title_highlights if s < size)

    @property
    def snippet(self) -> Snippet | None:
        return self.hit.snippets[0] if self.hit.snippets else None


class SearchResultsModel(QAbstractListModel):
    """The hits of one search, as rows; `more_requested(limit)` asks for a bigger page."""

    more_requested = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []
        self._total = 0
        self._pending = False
        self.outcome: SearchOutcome | None = None  # the latest outcome shown
        self._source_labels: dict[str, str] = {}
        self._category_colors: dict[str, str] = {}

    # -- feeding -------------------------------------------------------------------------------

    def set_source_labels(self, labels: dict[str, str]) -> None:
        self._source_labels = dict(labels)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [SOURCE_ROLE])

    def set_category_colors(self, colors: dict[str, str]) -> None:
        self._category_colors = dict(colors)

    def set_outcome(self, outcome: SearchOutcome | None) -> None:
        """Show a new search's first page (None: no search)."""
        self.beginResetModel()
        self.outcome = outcome
        self._rows = [] if outcome is None else self._rows_of(outcome, outcome.result.hits)
        self._total = 0 if outcome is None else outcome.result.total
        self._pending = False
        self.endResetModel()

    def extend(self, outcome: SearchOutcome) -> None:
        """The same search with a larger limit came back: append the hits not shown yet."""
        self._pending = False
        hits = outcome.result.hits
        shown = [row.event_id for row in self._rows]
        if [hit.event_id for hit in hits[: len(shown)]] != shown:
            self.set_outcome(outcome)  # the ranking changed meanwhile: start over
            return
        self._total = outcome.result.total
        self.outcome = outcome
        new = self._rows_of(outcome, hits[len(shown) :])
        if not new:
            self._total = len(self._rows)  # nothing more to come
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()

    def clear(self) -> None:
        self.set_outcome(None)

    @staticmethod
    def _rows_of(outcome: SearchOutcome, hits: Iterable[Hit]) -> list[ResultRow]:
        return [ResultRow(hit, outcome.events.get(hit.event_id)) for hit in hits]

    # -- reading -------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def fetching(self) -> bool:
        return self._pending

    def result_row(self, row: int) -> ResultRow:
        return self._rows[row]

    def event_ids(self) -> list[int]:
        return [row.event_id for row in self._rows]

    def row_of(self, event_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.event_id == event_id:
                return number
        return None

    def hit_for(self, event_id: int) -> Hit | None:
        number = self.row_of(event_id)
        return None if number is None else self._rows[number].hit

    def source_label(self, key: str) -> str:
        return self._source_labels.get(key, key)

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [row.title, self._date(row), self._source(row)]
            if row.snippet is not None:
                parts.append(" ".join(row.snippet.text.split()))
            return "\n".join(p for p in parts if p)
        if role == EVENT_ID_ROLE:
            return row.event_id
        if role == HIT_ROLE:
            return row.hit
        if role == EVENT_ROLE:
            return row.event
        if role == DATE_ROLE:
            return self._date(row)
        if role == SOURCE_ROLE:
            return self._source(row)
        if role == SNIPPET_ROLE:
            return row.snippet
        if role == TITLE_SPANS_ROLE:
            return row.title_spans
        if role == CATEGORY_ROLE:
            return None if row.event is None else self._category_colors.get(row.event.category)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
            | Qt.ItemFlag.ItemIsDragEnabled  # onto a tag in the tag browser: tags them
        )

    def mimeTypes(self) -> list[str]:
        from .curation.tag_model import EVENT_IDS_MIME

        return [EVENT_IDS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The dragged rows' events: their ids (for the tag browser) and titles (as text)."""
        import json

        from .curation.tag_model import EVENT_IDS_MIME

        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._rows[r].event_id for r in rows]
        data = QMimeData()
        data.setData(EVENT_IDS_MIME, QByteArray(json.dumps(ids).encode()))
        data.setText("\n".join(str(self.index(r).data()) for r in rows))
        return data

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._pending and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._pending = True
        self.more_requested.emit(len(self._rows) + BATCH)

    def _date(self, row: ResultRow) -> str:
        event = row.event
        if event is None:
            return ""
        return span_in_words(span_of(event.start, event.end, event.precision, event.edtf))

    def _source(self, row: ResultRow) -> str:
        snippet = row.snippet
        if snippet is None:
            return ""
        label = self.source_label(snippet.source_key)
        page = page_label(snippet.page)
        return f"{label}, {page}" if page else label


class FacetModel(QAbstractListModel):
    """One facet's values with their counts, checkable; `checks_changed` when the user
    (or `set_checked`) changes which are checked. `single` makes the checks exclusive."""

    checks_changed = Signal()

    def __init__(
        self,
        facet: str,
        *,
        label: Callable[[str], str] | None = None,
        single: bool = False,
        sort_by_value: bool = False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.facet = facet
        self._label = label or (lambda value: value)
        self._single = single
        self._sort_by_value = sort_by_value
        self._rows: list[tuple[str, int]] = []
        self._checked: list[str] = []

    def set_counts(self, counts: dict[str, int] | None) -> None:
        """New counts from a search; checked values stay listed (count 0 if absent)."""
        counts = dict(counts or {})
        for value in self._checked:
            counts.setdefault(value, 0)
        rows = list(counts.items())
        if self._sort_by_value:
            rows.sort(key=lambda item: item[0])
        else:
            rows.sort(key=lambda item: (-item[1], self._label(item[0]).casefold()))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def checked_values(self) -> tuple[str, ...]:
        return tuple(self._checked)

    def set_checked(self, values: Iterable[str]) -> None:
        wanted = list(dict.fromkeys(values))
        if self._single:
            wanted = wanted[-1:]
        if wanted == self._checked:
            return
        self._checked = wanted
        known = {value for value, _ in self._rows}
        if any(value not in known for value in wanted):
            self.set_counts(dict(self._rows))
        elif self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [Qt.ItemDataRole.CheckStateRole]
            )
        self.checks_changed.emit()

    def value_at(self, row: int) -> str:
        return self._rows[row][0]

    def label(self, value: str) -> str:
        return self._label(value)

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column():
            return None
        value, count = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._label(value)}  ({count})"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{self._label(value)}: {count}"
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = value in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == VALUE_ROLE:
            return value
        if role == COUNT_ROLE:
            return count
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._rows):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        item = self._rows[index.row()][0]
        if state == Qt.CheckState.Checked:
            checked = [*self._checked, item] if not self._single else [item]
        else:
            checked = [v for v in self._checked if v != item]
        self.set_checked(checked)
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


__all__ = [
    "BATCH",
    "CATEGORY_ROLE",
    "COUNT_ROLE",
    "DATE_ROLE",
    "EVENT_ID_ROLE",
    "EVENT_ROLE",
    "HIT_ROLE",
    "SNIPPET_ROLE",
    "SOURCE_ROLE",
    "TITLE_SPANS_ROLE",
    "VALUE_ROLE",
    "FacetModel",
    "ResultRow",
    "SearchResultsModel",
]
