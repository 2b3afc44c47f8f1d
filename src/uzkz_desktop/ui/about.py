"""Help → About: offline, where the sources come from, and the licences."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from uzkz_desktop.app import Session


class AboutDialog(QDialog):
    """Offline, where the sources come from, and the licences."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About uzkz-desktop"))
        self.resize(620, 560)
        view = QTextBrowser(self)
        view.setOpenLinks(False)
        view.setHtml(about_html(session, self.tr))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.view = view


def about_html(session: Session, tr: Any) -> str:
    """The About text; every value from the archive is escaped."""
    from uzkz_desktop import __version__

    def e(text: object) -> str:
        return html.escape(str(text))

    rows = []
    for source in session.archive.sources():
        title = f"<b>{e(source.title)}</b>"
        if source.title_en and source.title_en != source.title:
            title += f"<br><i>{e(source.title_en)}</i>"
        who = " · ".join(e(p) for p in (source.author, source.publication, source.issued) if p)
        counted = tr("{0} excerpts · file {1}").format(source.excerpt_count, source.file_name)
        rows.append(f"<li>{title}{'<br>' + who if who else ''}<br><small>{e(counted)}</small></li>")
    stats = session.archive.stats()
    what = tr(
        "An offline archive of Uzbekistan–Kazakhstan relations: a timeline of events, a search"
        " over what the sources say, and the excerpt behind every event, with its page."
    )
    offline = tr(
        "The program never opens a network connection. It works on your copy of the archive:"
    )
    counts = tr("{0} events from {1} sources, {2} excerpts.").format(
        stats.events, stats.sources, stats.excerpts
    )
    licences = tr(
        "uzkz-desktop is free software under the MIT licence. It is built with Qt and PySide6"
        " (LGPLv3), Whoosh (BSD), sqlite-utils (Apache 2.0), NumPy (BSD), PyStemmer (MIT/BSD),"
        " pypdf (BSD) and python-docx (MIT). The excerpts are quoted from the sources listed"
        " above for study and research; their texts belong to their authors."
    )
    return (
        f"<h2>uzkz-desktop {e(__version__)}</h2>"
        f"<p>{e(what)}</p>"
        f"<p><b>{e(tr('Offline.'))}</b> {e(offline)} <code>{e(session.path)}</code></p>"
        f"<p>{e(counts)}</p>"
        f"<h3>{e(tr('Sources'))}</h3><ul>{''.join(rows)}</ul>"
        f"<h3>{e(tr('Licences'))}</h3><p>{e(licences)}</p>"
    )
