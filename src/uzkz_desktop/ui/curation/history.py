"""What happened to an event, or to the whole archive: the audit log, newest first.

For one event (`archive.event_history`): each recorded action (when, in local time; who;
what, as the action was called) with what it changed, field by field, before → after —
titles, date, category, notes, verified, the trash, tags, excerpts, entities. Without an
event: the archive's recent actions (`archive.history`), each with the number of rows it
changed.

Everything from the archive is shown as plain text (tree items never interpret HTML).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from uzkz_desktop.core.errors import UzkzError

from ..formatting import date_in_words, page_label
from ..widgets import muted_style, plain_label

if TYPE_CHECKING:
    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.models import AuditEntry

HISTORY_LIMIT = 200  # the archive's recent actions listed when no event is given
VALUE_CHARS = 160  # a longer value (a summary, notes) is cut in its cell; whole in the tooltip

# The columns that store an event's date: shown once, as the date (its EDTF).
_SPAN_COLUMNS = frozenset(
    {"start_date", "end_date", "precision", "end_precision", "approximate", "uncertain"}
)
_QUIET = frozenset({"updated_at", "created_at", "id", "start_day", "end_day"})


def _tr(text: str) -> str:
    return QCoreApplication.translate("EventHistory", text)


def local_time(at: str | None) -> str:
    """The archive's UTC stamp ('2025-01-02T10:00:00Z') in local time, to the minute."""
    if not at:
        return ""
    try:
        moment = datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            return at
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def field_name(column: str) -> str:
    names = {
        "title_en": _tr("Title (English)"),
        "title_uz": _tr("Title (Uzbek)"),
        "summary": _tr("Summary"),
        "notes": _tr("Notes"),
        "category": _tr("Category"),
        "status": _tr("Status"),
        "verified": _tr("Verified"),
        "date_text": _tr("Date as written"),
        "edtf": _tr("Date"),
        "slug": _tr("Short name"),
        "deleted_at": _tr("In the trash"),
        "start_date": _tr("First day"),
        "end_date": _tr("Last day"),
        "precision": _tr("Precision"),
        "end_precision": _tr("Precision of the end"),
        "approximate": _tr("Approximate"),
        "uncertain": _tr("Uncertain"),
    }
    return names.get(column, column)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= VALUE_CHARS else flat[: VALUE_CHARS - 1] + "…"


class EventHistory(QWidget):
    """The history of one event (`event_id`), or of the whole archive (None)."""

    COLUMNS = 4  # when / field · what · before · after

    def __init__(
        self, session: Session, event_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        # A window of its own (over `parent`) until put in a layout or a dock.
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("eventHistory")
        self.resize(820, 480)
        self.session = session
        self._event_id = event_id
        self._entity_names: dict[int, str] | None = None
        self.caption = plain_label("", self)
        self.caption.setObjectName("historyCaption")
        self.caption.setStyleSheet("font-weight: 600;")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("historyTree")
        self.tree.setColumnCount(self.COLUMNS)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 230)  # an action ("tag 3 events lesson") reads whole
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 200)
        header.setStretchLastSection(True)
        self.empty_label = plain_label("", self)
        self.empty_label.setStyleSheet(muted_style())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.caption)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        self.reload()

    def event_id(self) -> int | None:
        return self._event_id

    def set_event(self, event_id: int | None) -> None:
        self._event_id = event_id
        self.reload()

    def reload(self) -> None:
        """Read the history again (connect to `Curator.changed` to keep it current)."""
        self._entity_names = None
        self.tree.clear()
        try:
            if self._event_id is None:
                self._fill_archive()
            else:
                self._fill_event(self._event_id)
        except UzkzError as error:
            self.empty_label.setText(self.tr("The history cannot be read: {0}").format(error))
            self.empty_label.show()
            return
        self.empty_label.setVisible(self.tree.topLevelItemCount() == 0)

    # -- the whole archive ------------------------------------------------------------------

    def _fill_archive(self) -> None:
        self.tree.setHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("Who"), self.tr("Changes")]
        )
        self.caption.setText(self.tr("Recent changes to the archive"))
        self.setWindowTitle(self.caption.text())
        self.empty_label.setText(self.tr("Nothing has been recorded yet."))
        for batch in self.session.archive.history(HISTORY_LIMIT):
            item = QTreeWidgetItem(
                [local_time(batch.at), batch.action, self._actor(batch.actor), str(batch.changes)]
            )
            item.setToolTip(1, batch.action)
            item.setData(0, Qt.ItemDataRole.UserRole, batch.batch_id)
            self.tree.addTopLevelItem(item)

    def _actor(self, actor: str) -> str:
        words = {
            "curator": self.tr("a curator"),
            "ingest": self.tr("an import"),
            "build-archive": self.tr("the build"),
        }
        return words.get(actor, actor)

    # -- one event ---------------------------------------------------------------------------

    def _fill_event(self, event_id: int) -> None:
        self.tree.setHeaderLabels(
            [self.tr("When"), self.tr("What changed"), self.tr("Before"), self.tr("After")]
        )
        title = ""
        with suppress(UzkzError):
            title = self.session.event(event_id).event.title_en
        self.caption.setText(
            self.tr("History of event {0}: {1}").format(event_id, title)
            if title
            else self.tr("History of event {0}").format(event_id)
        )
        self.setWindowTitle(self.tr("History of event {0}").format(event_id))
        self.empty_label.setText(self.tr("Nothing has been recorded for this event."))
        batches: dict[int, list[AuditEntry]] = {}
        for entry in self.session.archive.event_history(event_id):
            batches.setdefault(entry.batch_id, []).append(entry)
        for batch_id in sorted(batches, reverse=True):
            entries = batches[batch_id]
            first = entries[0]
            top = QTreeWidgetItem([local_time(first.at), first.action, self._actor(first.actor)])
            top.setFirstColumnSpanned(False)
            top.setToolTip(1, first.action)
            top.setData(0, Qt.ItemDataRole.UserRole, batch_id)
            for field, before, after in self.changes(entries):
                child = QTreeWidgetItem(["", field, _short(before), _short(after)])
                child.setToolTip(2, before)
                child.setToolTip(3, after)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)

    def changes(self, entries: Sequence[AuditEntry]) -> list[tuple[str, str, str]]:
        """(field, before, after) in words, for the audit rows of one action."""
        found: list[tuple[str, str, str]] = []
        for entry in entries:
            found.extend(self._entry_changes(entry))
        return found

    def _entry_changes(self, entry: AuditEntry) -> Iterable[tuple[str, str, str]]:
        table, op = entry.table_name, entry.op
        before: dict[str, Any] = entry.before or {}
        after: dict[str, Any] = entry.after or {}
        if table == "events":
            if op == "insert":
                yield (
                    self.tr("Event"),
                    "",
                    self.tr("created: {0}").format(after.get("title_en", "")),
                )
                return
            if op == "delete":
                yield (self.tr("Event"), str(before.get("title_en", "")), self.tr("deleted"))
                return
            columns = [c for c in dict.fromkeys([*before, *after]) if c not in _QUIET]
            if "edtf" in columns:
                columns = [c for c in columns if c not in _SPAN_COLUMNS]
            for column in columns:
                yield (
                    field_name(column),
                    self._value(column, before.get(column)),
                    self._value(column, after.get(column)),
                )
            return
        state = after if op == "insert" else before
        thing, value = self._link(table, state)
        if op == "insert":
            yield (thing, "", value)
        elif op == "delete":
            yield (thing, value, "")

    def _link(self, table: str, state: dict[str, Any]) -> tuple[str, str]:
        if table == "event_tags":
            return self.tr("Tag"), str(state.get("tag") or state.get("name") or state.get("tag_id"))
        if table == "event_entities":
            ident = state.get("entity_id")
            name = state.get("name") or self._entity_name(ident)
            return self.tr("Person, place or organisation"), str(name)
        if table == "event_excerpts":
            return self.tr("Excerpt"), self._excerpt(state.get("excerpt_id"))
        return table, ", ".join(f"{k}={v}" for k, v in sorted(state.items()))

    def _entity_name(self, ident: Any) -> str:
        if self._entity_names is None:
            self._entity_names = {}
            try:
                for entity in self.session.entities():
                    self._entity_names[entity.id] = entity.name
            except UzkzError:
                pass
        if isinstance(ident, int) and ident in self._entity_names:
            return self._entity_names[ident]
        return self.tr("entity {0}").format(ident)

    def _excerpt(self, ident: Any) -> str:
        if not isinstance(ident, int):
            return str(ident)
        try:
            excerpt = self.session.archive.excerpt(ident)
        except UzkzError:
            return self.tr("excerpt {0}").format(ident)
        page = page_label(excerpt.page)
        where = f"{excerpt.source_title}, {page}" if page else excerpt.source_title
        return f"{where}: «{' '.join(excerpt.text.split())}»"

    def _value(self, column: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if column in ("verified", "approximate", "uncertain"):
            return self.tr("yes") if value else self.tr("no")
        if column == "deleted_at":
            return self.tr("yes, since {0}").format(local_time(str(value)))
        if column == "edtf":
            from uzkz_desktop.dates import parse_date

            span = parse_date(str(value))
            return f"{date_in_words(span)} · {value}" if span is not None else str(value)
        if column == "category":
            from uzkz_desktop.ingest.categories import categories

            for category in categories():
                if category.id == value:
                    return str(category.label_en)
        return str(value)

    # -- for tests and the window ---------------------------------------------------------------

    def rows(self) -> list[list[str]]:
        """The tree as text, top-level rows with their children after them."""
        out: list[list[str]] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.append([top.text(c) for c in range(self.COLUMNS)])
            for j in range(top.childCount()):
                child = top.child(j)
                out.append([child.text(c) for c in range(self.COLUMNS)])
        return out
