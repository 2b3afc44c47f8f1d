"""The archive's tags as a tree, shared by the tag editor, the tag manager and the tag browser.

`TagTreeModel` shows each tag under the one its name continues ('energy/electricity' under
'energy'); a level that only its children name ('visits' when only 'visits/count' exists)
appears too, greyed, with no counts. `set_tags` brings the tree up to date row by row
(removals, insertions, changed data), never by a reset, so views keep what was expanded,
selected and current across a refresh.

Columns: the tag (its last level; the colour as a swatch), events, excerpts, number key.

Also here, for the window's other views:

- `EVENT_IDS_MIME`, the drag-and-drop type of a list of events (a JSON list of ids), with
  `event_ids_mime` and `event_ids_from_mime`;
- `TagFilter`, the include/exclude filter the tag browser emits;
- `tag_match`, the script- and case-insensitive matching the completer and the find boxes
  share ('ener', 'ЭНЕР' and 'elec' all find 'energy/electricity').
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLineEdit, QTreeView, QWidget

from .. import palette

if TYPE_CHECKING:
    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.models import TagRow
    from uzkz_desktop.search.model import SearchFilters

AnyIndex = QModelIndex | QPersistentModelIndex

EVENT_IDS_MIME = "application/x-uzkz-event-ids"

# Columns
NAME, EVENTS, EXCERPTS, KEY = range(4)
COLUMNS = 4

# Roles
NAME_ROLE = Qt.ItemDataRole.UserRole + 40  # the full name: 'energy/electricity'
TAG_ROLE = Qt.ItemDataRole.UserRole + 41  # the TagRow, None for a level only children name
COLOR_ROLE = Qt.ItemDataRole.UserRole + 42  # '#rrggbb' or None
EVENT_COUNT_ROLE = Qt.ItemDataRole.UserRole + 43
SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 44  # 1-9 or None
FILTER_STATE_ROLE = Qt.ItemDataRole.UserRole + 45  # TagState

SWATCH = 12  # px, the colour square in front of a tag


def _tr(text: str) -> str:
    return QCoreApplication.translate("TagModel", text)


# -- drag and drop of events ----------------------------------------------------------------


def event_ids_mime(event_ids: Iterable[int]) -> QMimeData:
    """Mime data carrying events, for a drag from the timeline or the results."""
    data = QMimeData()
    ids = [int(i) for i in event_ids]
    data.setData(EVENT_IDS_MIME, json.dumps(ids).encode("ascii"))
    return data


def event_ids_from_mime(data: QMimeData | None) -> list[int]:
    """The events a drag carries; empty when it carries none (or something malformed)."""
    if data is None or not data.hasFormat(EVENT_IDS_MIME):
        return []
    try:
        value = json.loads(bytes(data.data(EVENT_IDS_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(value, list):
        return []
    ids = [i for i in value if isinstance(i, int) and not isinstance(i, bool) and i > 0]
    return list(dict.fromkeys(ids)) if len(ids) == len(value) else []


# -- the tag filter ---------------------------------------------------------------------------


class TagState(IntEnum):
    OFF = 0
    INCLUDE = 1
    EXCLUDE = 2

    def next(self) -> TagState:
        """Clicking a tag: off → include → exclude → off."""
        return TagState((self + 1) % 3)


@dataclass(frozen=True)
class TagFilter:
    """Events with the `include` tags (any of them, or all with `all_tags`) and none of the
    `exclude` tags; a tag also stands for the tags below it."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    all_tags: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.include and not self.exclude

    def state(self, name: str) -> TagState:
        key = name.casefold()
        if any(n.casefold() == key for n in self.include):
            return TagState.INCLUDE
        if any(n.casefold() == key for n in self.exclude):
            return TagState.EXCLUDE
        return TagState.OFF

    def applied_to(self, filters: SearchFilters | None) -> SearchFilters | None:
        """A search's filters narrowed by this tag filter (None stays None when empty).

        The included tags join the filters' own `tags` (a tag facet's), the excluded ones
        their `exclude_tags`; `all_tags` is this filter's.
        """
        if self.is_empty:
            return filters
        from dataclasses import replace

        from uzkz_desktop.search.model import SearchFilters

        base = filters if filters is not None else SearchFilters()
        return replace(
            base,
            tags=tuple(dict.fromkeys((*base.tags, *self.include))),
            exclude_tags=tuple(dict.fromkeys((*base.exclude_tags, *self.exclude))),
            all_tags=self.all_tags,
        )

    def with_state(self, name: str, state: TagState) -> TagFilter:
        key = name.casefold()
        include = tuple(n for n in self.include if n.casefold() != key)
        exclude = tuple(n for n in self.exclude if n.casefold() != key)
        if state == TagState.INCLUDE:
            include += (name,)
        elif state == TagState.EXCLUDE:
            exclude += (name,)
        return TagFilter(include, exclude, self.all_tags)


# -- matching names as they are typed -------------------------------------------------------


@lru_cache(maxsize=4096)
def match_keys(text: str) -> tuple[str, ...]:
    """`text` folded for comparison: case, apostrophes and Uzbek Cyrillic/Latin script."""
    from uzkz_desktop.text.normalise import search_fold
    from uzkz_desktop.text.translit import cyrillic_to_latin

    return tuple(dict.fromkeys((search_fold(text), search_fold(cyrillic_to_latin(text)))))


def tag_match(typed: str, name: str) -> int | None:
    """How well the `typed` text finds tag `name`: 0 the name starts with it, 1 one of its
    levels does, 2 it occurs inside; None when it does not occur."""
    typed = typed.strip()
    if not typed:
        return 0
    best: int | None = None
    for want in match_keys(typed):
        for have in match_keys(name):
            if have.startswith(want):
                return 0
            if any(level.strip().startswith(want) for level in have.split("/")[1:]):
                best = 1
            elif want in have and best is None:
                best = 2
    return best


def ranked_matches(typed: str, names: Iterable[str], limit: int = 50) -> list[str]:
    """The names `typed` finds, the best first (then alphabetically)."""
    found = [(rank, name) for name in names if (rank := tag_match(typed, name)) is not None]
    found.sort(key=lambda item: (item[0], item[1].casefold()))
    return [name for _, name in found[:limit]]


def tag_rows(session: Session) -> list[TagRow]:
    """Every tag of the session's archive with its counts, colour and number key."""
    return session.tags()


def tag_totals(session: Session, rows: Iterable[TagRow]) -> dict[str, int]:
    """For each tag with tags below it: the events (not in the trash) with it or one below
    it — what filtering by it finds. One query per such tag."""
    parents: dict[str, str] = {}
    for row in rows:
        parts = row.name.split("/")
        for depth in range(1, len(parts)):
            prefix = "/".join(parts[:depth])
            parents.setdefault(prefix.casefold(), prefix)
    archive = session.archive
    return {name: len(archive.tag_filter_ids(include=[name])) for name in parents.values()}


# -- swatches ---------------------------------------------------------------------------------


@lru_cache(maxsize=128)
def swatch_icon(color: str | None, size: int = SWATCH) -> QIcon:
    """A small square of `color`; for no colour an invisible one (the names stay aligned)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if color:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QBrush(QColor(color)))
        painter.setPen(QColor(color).darker(130))
        painter.drawRoundedRect(0.5, 0.5, size - 1.0, size - 1.0, 2.5, 2.5)
        painter.end()
    return QIcon(pixmap)


@lru_cache(maxsize=8)
def no_color_icon(size: int = SWATCH) -> QIcon:
    """'No colour': an outlined white square struck through in red."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QBrush(QColor("#ffffff")))
    painter.setPen(palette.RULE)
    painter.drawRoundedRect(0.5, 0.5, size - 1.0, size - 1.0, 2.5, 2.5)
    painter.setPen(QPen(QColor("#c62828"), 1.5))
    painter.drawLine(2, size - 2, size - 2, 2)
    painter.end()
    return QIcon(pixmap)


# -- the tree ---------------------------------------------------------------------------------


@dataclass(eq=False)
class _Node:
    uid: int
    name: str  # the full name; '' for the invisible root
    parent: _Node | None
    row: TagRow | None = None  # None: a level only its children name
    total: int | None = None  # events with the tag or one below it (tags with children)
    children: list[_Node] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.name.casefold()

    @property
    def label(self) -> str:
        return self.name.rpartition("/")[2]


def _shortcut(row: TagRow | None) -> int | None:
    return None if row is None else row.shortcut


class TagTreeModel(QAbstractItemModel):
    """The tags as a tree by '/' levels (see the module's docstring).

    `editable`: the tag column can be edited in place; an edit does not change the model
    but asks for a rename through `rename_requested(old, new)`.
    `drop_target`: events can be dropped on a tag; `events_dropped(ids, tag)` says so.
    """

    rename_requested = Signal(str, str)
    events_dropped = Signal(list, str)

    def __init__(
        self, parent: Any = None, *, editable: bool = False, drop_target: bool = False
    ) -> None:
        super().__init__(parent)
        self._editable = editable
        self._drop_target = drop_target
        self._serial = 0
        self._root = _Node(0, "", None)
        self._nodes: dict[int, _Node] = {0: self._root}
        self._by_key: dict[str, _Node] = {}
        self._states: dict[str, TagState] = {}
        self._totals: dict[str, int] = {}

    # -- feeding --------------------------------------------------------------------------

    def set_tags(self, rows: Iterable[TagRow], totals: Mapping[str, int] | None = None) -> None:
        """Show these tags; rows stay where they are, so views keep their state.

        `totals`: for tags with tags below them, how many events carry the tag or one
        below it (`tag_totals`); the events column shows that for them.
        """
        self._totals = {name.casefold(): n for name, n in (totals or {}).items()}
        entries: dict[str, tuple[str, TagRow | None]] = {}
        for row in rows:
            entries[row.name.casefold()] = (row.name, row)
        for name, _row in list(entries.values()):
            parts = name.split("/")
            for depth in range(1, len(parts)):
                prefix = "/".join(parts[:depth])
                entries.setdefault(prefix.casefold(), (prefix, None))
        children: dict[str, list[tuple[str, TagRow | None]]] = {}
        for name, row in entries.values():
            parent = name.rpartition("/")[0].casefold()
            children.setdefault(parent, []).append((name, row))
        for siblings in children.values():
            siblings.sort(key=lambda item: item[0].rpartition("/")[2].casefold())
        self._sync(self._root, QModelIndex(), children.get("", []), children)

    def _sync(
        self,
        node: _Node,
        parent_index: QModelIndex,
        wanted: list[tuple[str, TagRow | None]],
        children: dict[str, list[tuple[str, TagRow | None]]],
    ) -> None:
        keep = {name.casefold() for name, _ in wanted}
        last = len(node.children) - 1
        while last >= 0:  # removals, from the end, a run at a time
            if node.children[last].key in keep:
                last -= 1
                continue
            first = last
            while first > 0 and node.children[first - 1].key not in keep:
                first -= 1
            self.beginRemoveRows(parent_index, first, last)
            for gone in node.children[first : last + 1]:
                self._forget(gone)
            del node.children[first : last + 1]
            self.endRemoveRows()
            last = first - 1
        for position, (name, row) in enumerate(wanted):
            key = name.casefold()
            present = position < len(node.children) and node.children[position].key == key
            if present:
                child = node.children[position]
                total = self._totals.get(key)
                if child.name != name or child.row != row or child.total != total:
                    child.name, child.row, child.total = name, row, total
                    self.dataChanged.emit(
                        self.createIndex(position, 0, child.uid),
                        self.createIndex(position, COLUMNS - 1, child.uid),
                    )
            else:
                self._serial += 1
                child = _Node(self._serial, name, node, row, self._totals.get(key))
                self.beginInsertRows(parent_index, position, position)
                node.children.insert(position, child)
                self._nodes[child.uid] = child
                self._by_key[key] = child
                self.endInsertRows()
            below = children.get(key, [])
            if below or child.children:
                self._sync(child, self.createIndex(position, 0, child.uid), below, children)

    def _forget(self, node: _Node) -> None:
        for child in node.children:
            self._forget(child)
        self._nodes.pop(node.uid, None)
        if self._by_key.get(node.key) is node:
            del self._by_key[node.key]

    # -- reading ----------------------------------------------------------------------------

    def names(self) -> list[str]:
        """Every tag's full name (levels only children name are left out), tree order."""
        out: list[str] = []

        def walk(node: _Node) -> None:
            for child in node.children:
                if child.row is not None:
                    out.append(child.name)
                walk(child)

        walk(self._root)
        return out

    def tag(self, name: str) -> TagRow | None:
        node = self._by_key.get(name.casefold())
        return node.row if node is not None else None

    def has_children(self, name: str) -> bool:
        node = self._by_key.get(name.casefold())
        return bool(node is not None and node.children)

    def index_of(self, name: str, column: int = 0) -> QModelIndex:
        node = self._by_key.get(name.casefold())
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.children.index(node), column, node.uid)

    def name_at(self, index: AnyIndex) -> str | None:
        node = self._node(index)
        return None if node is self._root else node.name

    def shortcuts(self) -> dict[int, str]:
        """Number key → the tag that has it."""
        return {
            key: node.name
            for node in self._nodes.values()
            if (key := _shortcut(node.row)) is not None
        }

    # -- the browser's include/exclude marks ------------------------------------------------

    def state(self, name: str) -> TagState:
        return self._states.get(name.casefold(), TagState.OFF)

    def set_states(self, tag_filter: TagFilter) -> None:
        wanted = {n.casefold(): TagState.INCLUDE for n in tag_filter.include}
        wanted.update({n.casefold(): TagState.EXCLUDE for n in tag_filter.exclude})
        changed = set(wanted.items()) ^ set(self._states.items())
        self._states = wanted
        for key in {k for k, _ in changed}:
            index = self.index_of(key)
            if index.isValid():
                self.dataChanged.emit(index, index, [FILTER_STATE_ROLE])

    # -- Qt -----------------------------------------------------------------------------------

    def _node(self, index: AnyIndex) -> _Node:
        if not index.isValid():
            return self._root
        return self._nodes.get(index.internalId(), self._root)

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = self._node(parent)
        return self.createIndex(row, column, node.children[row].uid)

    def parent(self, child: AnyIndex | None = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return super().parent()
        node = self._node(child)
        up = node.parent
        if up is None or up is self._root or up.parent is None:
            return QModelIndex()
        return self.createIndex(up.parent.children.index(up), 0, up.uid)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (_tr("Tag"), _tr("Events"), _tr("Excerpts"), _tr("Key"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                _tr("The tag; a '/' in a name makes a level below another tag"),
                _tr("Events carrying the tag (not counting the trash)"),
                _tr("Source excerpts carrying the tag"),
                _tr("The number key that puts the tag on the selected events"),
            )[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if node is self._root:
            return None
        row, column = node.row, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return node.label
            if column == EVENTS and node.total is not None:
                return node.total
            if row is None:
                return None
            if column == EVENTS:
                return row.event_count
            if column == EXCERPTS:
                return row.excerpt_count
            key = _shortcut(row)
            return None if key is None else str(key)
        if role == Qt.ItemDataRole.EditRole:
            return node.name if column == NAME else self.data(index)
        if role == Qt.ItemDataRole.DecorationRole:
            if column != NAME:
                return None
            return swatch_icon(row.color if row is not None else None)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row is None:
            return QBrush(palette.TEXT_MUTED)
        if role == NAME_ROLE:
            return node.name
        if role == TAG_ROLE:
            return row
        if role == COLOR_ROLE:
            return row.color if row is not None else None
        if role == EVENT_COUNT_ROLE:
            return row.event_count if row is not None else 0
        if role == SHORTCUT_ROLE:
            return _shortcut(row)
        if role == FILTER_STATE_ROLE:
            return self.state(node.name)
        return None

    def _describe(self, node: _Node) -> str:
        row = node.row
        parts = [node.name]
        if node.total is not None:
            parts.append(_tr("{0} events with it or a tag below it").format(node.total))
        if row is None:
            parts.append(_tr("no event carries this level itself"))
            return " · ".join(parts)
        if node.total is None or row.event_count:
            parts.append(_tr("{0} events with it itself").format(row.event_count))
        if row.excerpt_count:
            parts.append(_tr("{0} excerpts").format(row.excerpt_count))
        if row.color:
            parts.append(_tr("colour {0}").format(row.color))
        key = _shortcut(row)
        if key is not None:
            parts.append(_tr("number key {0}").format(key))
        state = self.state(node.name)
        if state == TagState.INCLUDE:
            parts.append(_tr("shown by the tag filter"))
        elif state == TagState.EXCLUDE:
            parts.append(_tr("hidden by the tag filter"))
        return " · ".join(parts)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self._node(index)
        if node.row is not None:
            if self._editable and index.column() == NAME:
                flags |= Qt.ItemFlag.ItemIsEditable
            if self._drop_target:
                flags |= Qt.ItemFlag.ItemIsDropEnabled
        if not node.children:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit asks for a rename (`rename_requested`); the tree changes once the archive
        has (the owner calls `set_tags`)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != NAME:
            return False
        node = self._node(index)
        if not self._editable or node.row is None or not isinstance(value, str):
            return False
        new = value.strip()
        if new and new != node.name:
            self.rename_requested.emit(node.name, new)
        return False

    # -- dropping events on a tag ---------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [EVENT_IDS_MIME] if self._drop_target else []

    def supportedDropActions(self) -> Qt.DropAction:
        if not self._drop_target:
            return Qt.DropAction.IgnoreAction
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction | Qt.DropAction.LinkAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return self._drop_target_name(data, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        name = self._drop_target_name(data, row, parent)
        if name is None or action == Qt.DropAction.IgnoreAction:
            return False
        self.events_dropped.emit(event_ids_from_mime(data), name)
        return True

    def _drop_target_name(self, data: QMimeData, row: int, parent: AnyIndex) -> str | None:
        """The tag events are dropped on: only onto a tag (not between rows)."""
        if not self._drop_target or row != -1 or not parent.isValid():
            return None
        node = self._node(parent)
        if node.row is None or not event_ids_from_mime(data):
            return None
        return node.name


class TagFilterProxy(QSortFilterProxyModel):
    """Shows the tags a find box's text finds (and the levels above them)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_text(self, text: str) -> None:
        text = text.strip()
        if text == self._text:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._text = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._text = text
            self.invalidateFilter()

    def text(self) -> str:
        return self._text

    @classmethod
    def with_find_box(
        cls, owner: QWidget, model: TagTreeModel, object_name: str
    ) -> tuple[TagFilterProxy, QLineEdit]:
        """A proxy over `model` and the "Find a tag" box that drives it (see `show_found`)."""
        proxy = cls(owner)
        proxy.setSourceModel(model)
        box = QLineEdit(owner)
        box.setObjectName(object_name)
        box.setPlaceholderText(QCoreApplication.translate("TagModel", "Find a tag"))
        box.setClearButtonEnabled(True)
        box.setAccessibleName(box.placeholderText())
        return proxy, box

    def show_found(self, view: QTreeView, text: str) -> None:
        """Find `text` in the tags shown by `view`, opening every level that holds a find."""
        self.set_text(text)
        if text.strip():
            view.expandAll()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._text:
            return True
        model = self.sourceModel()
        name = model.index(source_row, 0, source_parent).data(NAME_ROLE)
        return isinstance(name, str) and tag_match(self._text, name) is not None


def names_of(indexes: Sequence[AnyIndex]) -> list[str]:
    """The full tag names at these indexes (any column, through any proxy), once each."""
    out = [i.data(NAME_ROLE) for i in indexes]
    return list(dict.fromkeys(n for n in out if isinstance(n, str)))


__all__ = [
    "COLOR_ROLE",
    "COLUMNS",
    "EVENTS",
    "EVENT_COUNT_ROLE",
    "EVENT_IDS_MIME",
    "EXCERPTS",
    "FILTER_STATE_ROLE",
    "KEY",
    "NAME",
    "NAME_ROLE",
    "SHORTCUT_ROLE",
    "TAG_ROLE",
    "TagFilter",
    "TagFilterProxy",
    "TagState",
    "TagTreeModel",
    "event_ids_from_mime",
    "event_ids_mime",
    "match_keys",
    "names_of",
    "no_color_icon",
    "ranked_matches",
    "swatch_icon",
    "tag_match",
    "tag_rows",
    "tag_totals",
]
