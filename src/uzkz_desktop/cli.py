"""The `uzkz` command: a thin shell over the same services the window uses.

Outputs marked --json are a contract (PRODUCT.md): one JSON object per line, changed
only by adding fields.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from uzkz_desktop import __version__
from uzkz_desktop.core.errors import UzkzError

if TYPE_CHECKING:
    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.archive import Archive
    from uzkz_desktop.archive.models import EventDetail, EventRow
    from uzkz_desktop.core.dates import DateSpan
    from uzkz_desktop.search.model import Hit


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="uzkz")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """uzkz-desktop: an offline archive of Uzbekistan–Kazakhstan relations.

    With no command, opens the window on your copy of the bundled archive.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


@cli.command()
@click.option(
    "--archive",
    "archive_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Archive file to open (default: your copy of the bundled archive).",
)
def gui(archive_path: Path | None) -> None:
    """Open the window."""
    from uzkz_desktop.ui.launch import run_gui

    sys.exit(run_gui(archive_path))


@cli.command()
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--query", help="Search for this first; hits light up on the timeline.")
@click.option("--select", "select_id", type=int, help="Select this event (fills the side panel).")
@click.option("--from", "date_from", help="Show the timeline from this date (2024, 2024-08...).")
@click.option("--to", "date_to", help="...to this date.")
@click.option("--size", default="1600x1000", show_default=True, help="Window size WxH.")
@click.option(
    "--tool",
    type=click.Choice(["review", "tags", "editor", "tag-editor", "history", "trash"]),
    help="Render this Curate window instead (editor, tag-editor, history: of --select).",
)
@click.option(
    "--archive",
    "archive_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Archive file to show (default: your copy of the bundled archive).",
)
def screenshot(
    out: Path,
    query: str | None,
    select_id: int | None,
    date_from: str | None,
    date_to: str | None,
    size: str,
    tool: str | None,
    archive_path: Path | None,
) -> None:
    """Render the main window offscreen to a PNG."""
    from uzkz_desktop.ui.screenshot import render_screenshot

    width, _, height = size.partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise click.BadParameter("use WIDTHxHEIGHT, e.g. 1600x1000", param_hint="--size")
    written = _guard(
        lambda: render_screenshot(
            out,
            archive=archive_path,
            query=query,
            select=select_id,
            date_from=date_from,
            date_to=date_to,
            size=(int(width), int(height)),
            tool=tool,
        )
    )
    click.echo(str(written))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per candidate and line.")
@click.option(
    "--year",
    type=click.IntRange(1900, 2100),
    help="Year of writing, to resolve 'this year' (default: the corpus metadata, "
    "else the latest year the document mentions).",
)
def extract(files: tuple[Path, ...], as_json: bool, year: int | None) -> None:
    """Print the dated event candidates found in FILES; writes nothing.

    A file that cannot be read is reported and skipped; the others are still processed,
    and the exit status is 1 when any file failed.
    """
    from uzkz_desktop.ingest.extract import extract_file

    failed = 0
    for path in files:
        extraction = _report_failure(partial(extract_file, path, document_year=year), path)
        if extraction is None:
            failed += 1
            continue
        for candidate in extraction.candidates:
            click.echo(candidate.to_json() if as_json else _candidate_line(candidate))
        if not as_json:
            click.echo(f"{path}: {len(extraction.candidates)} dated statements", err=True)
    if failed:
        sys.exit(1)


ARCHIVE_OPTION = click.option(
    "--archive",
    "archive_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Archive file to use (default: your copy of the bundled archive).",
)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@ARCHIVE_OPTION
@click.option("--year", type=click.IntRange(1900, 2100), help="Year of writing of the documents.")
def ingest(files: tuple[Path, ...], archive_path: Path | None, year: int | None) -> None:
    """Import documents (txt, md, html, pdf, docx) as sources with candidate events.

    Each file is imported whole or not at all; a file that fails is reported and the
    others are still imported. The exit status is 1 when any file failed.
    """
    from uzkz_desktop.app import Session
    from uzkz_desktop.ingest.pipeline import Failed

    with _guard(lambda: Session.open(archive_path)) as session:
        bar = _ProgressLine()
        outcomes = session.ingest(files, progress=bar, document_year=year)
        bar.finish()
    for outcome in outcomes:
        if isinstance(outcome, Failed):
            click.echo(f"uzkz: {outcome.message}", err=True)
        else:
            click.echo(
                f"{outcome.path}: imported as source '{outcome.source_key}' with "
                f"{outcome.events} candidate events to review",
                err=True,
            )
    if any(isinstance(o, Failed) for o in outcomes):
        sys.exit(1)


@cli.command("build-archive")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the archive (default: archive.db at the repository root).",
)
def build_archive_command(out: Path | None) -> None:
    """Rebuild the bundled archive from resources/ (corpus + curation), reproducibly."""
    from uzkz_desktop.core.paths import bundled_archive
    from uzkz_desktop.ingest.build import build_archive

    target = out or bundled_archive()
    report = _guard(lambda: build_archive(target, progress=lambda m: click.echo(m, err=True)))
    click.echo(
        f"{report.path}: {report.sources} sources, {report.events} events, "
        f"{report.excerpts} excerpts, {report.figures} figures"
    )


@cli.command()
@click.option("--from", "date_from", help="Only events that reach this date (2023, 2023-05...).")
@click.option("--to", "date_to", help="Only events that start by this date.")
@click.option("--tag", "tags", multiple=True, help="Only events with this tag (repeatable).")
@click.option("--category", "categories", multiple=True, help="Only this category (repeatable).")
@click.option("--candidates", is_flag=True, help="Include candidates not yet reviewed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event and line.")
@ARCHIVE_OPTION
def events(
    date_from: str | None,
    date_to: str | None,
    tags: tuple[str, ...],
    categories: tuple[str, ...],
    candidates: bool,
    as_json: bool,
    archive_path: Path | None,
) -> None:
    """List events in time order (overlapping the --from/--to window)."""
    start = _date_option(date_from, "--from").start if date_from else date(1, 1, 1)
    end = _date_option(date_to, "--to").end if date_to else date(9999, 12, 31)
    with _open_archive(archive_path, readonly=True) as archive:
        rows = archive.events_between(
            start,
            end,
            categories=categories or None,
            tags=tags or None,
            include_candidates=candidates,
        )
    for row in rows:
        click.echo(_json_line(_event_json(row)) if as_json else _event_line(row))


@cli.command()
@click.argument("event_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="The event as one JSON object.")
@ARCHIVE_OPTION
def show(event_id: int, as_json: bool, archive_path: Path | None) -> None:
    """One event with its excerpts, sources (with page), tags, figures and history."""
    with _open_archive(archive_path, readonly=True) as archive:
        detail = _guard(lambda: archive.event(event_id))
    if as_json:
        click.echo(_json_line(_detail_json(detail)))
        return
    click.echo(_event_line(detail.event))
    for excerpt in detail.excerpts:
        page = f", p. {excerpt.page}" if excerpt.page else ""
        click.echo(f"\n  [{excerpt.source_key}{page}] {excerpt.text}")
    if detail.tags:
        click.echo(f"\n  tags: {', '.join(detail.tags)}")


@cli.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit and line.")
@ARCHIVE_OPTION
def search(query: str, limit: int, as_json: bool, archive_path: Path | None) -> None:
    """Search the excerpts, whatever the script, apostrophe or inflection.

    Words, "phrases", AND/OR/NOT, prefix*, fuzzy~, and fields such as category:energy,
    tag:culture/abay, source:002, lang:ru, year:2024 or date:2023..2024.
    """
    from uzkz_desktop.app import Session

    with _guard(lambda: Session.open(archive_path)) as session:
        result = _guard(lambda: session.search(query, limit=limit))
        rows = session.archive.events_by_id([h.event_id for h in result.hits])
    events = {row.id: row for row in rows}
    if result.notice:
        click.echo(f"uzkz: {result.notice}", err=True)
    if result.did_you_mean:
        click.echo(f"uzkz: did you mean: {result.did_you_mean}", err=True)
    for hit in result.hits:
        row = events.get(hit.event_id)
        if row is not None:
            click.echo(_json_line(_hit_json(hit, row)) if as_json else _hit_lines(hit, row))
    if not as_json:
        click.echo(f"{result.total} events match", err=True)


@cli.command()
@ARCHIVE_OPTION
def reindex(archive_path: Path | None) -> None:
    """Rebuild the search index from the archive."""
    from uzkz_desktop.app import Session

    bar = _ProgressLine()
    with _guard(lambda: Session.open(archive_path)) as session:
        index = _guard(lambda: session.reindex(lambda done, total: bar("indexing", done, total)))
        bar.finish()
        click.echo(f"{index.event_count} events indexed", err=True)


@cli.command()
@click.argument("event_id", type=int)
@click.argument("tags", nargs=-1, required=True)
@ARCHIVE_OPTION
def tag(event_id: int, tags: tuple[str, ...], archive_path: Path | None) -> None:
    """Tag an event (tags with '/' nest: culture/abay); the search index follows at once."""
    _curate(archive_path, lambda s: s.tag([event_id], _tag_names(tags)), "tagged", event_id)


@cli.command()
@click.argument("event_id", type=int)
@click.argument("tags", nargs=-1, required=True)
@ARCHIVE_OPTION
def untag(event_id: int, tags: tuple[str, ...], archive_path: Path | None) -> None:
    """Remove tags from an event."""
    _curate(archive_path, lambda s: s.untag([event_id], _tag_names(tags)), "untagged", event_id)


@cli.command("tags")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per tag and line.")
@ARCHIVE_OPTION
def tags_command(as_json: bool, archive_path: Path | None) -> None:
    """List the tags with how many events carry each (not counting the trash)."""
    with _open_archive(archive_path, readonly=True) as archive:
        rows = archive.tags_with_counts()
        names = {row.id: row.name for row in rows}
    for row in rows:
        parent = names.get(row.parent_id) if row.parent_id is not None else None
        if as_json:
            data = {"name": row.name, "count": row.event_count, "color": row.color}
            extra = {"parent": parent, "shortcut": row.shortcut, "excerpts": row.excerpt_count}
            click.echo(_json_line({**data, **extra}))
        else:
            key = f"  [{row.shortcut}]" if row.shortcut else ""
            color = f"  {row.color}" if row.color else ""
            click.echo(f"{row.event_count:>6}  {row.name}{color}{key}")


@cli.command()
@ARCHIVE_OPTION
def undo(archive_path: Path | None) -> None:
    """Undo the newest curation change (tagging, edits) not yet undone."""
    from uzkz_desktop.app import Session

    with _guard(lambda: Session.open(archive_path)) as session:
        action = _guard(session.undo)
    click.echo(f"undone: {action}" if action else "nothing to undo", err=True)


@cli.command()
@ARCHIVE_OPTION
def redo(archive_path: Path | None) -> None:
    """Redo the change undone last."""
    from uzkz_desktop.app import Session

    with _guard(lambda: Session.open(archive_path)) as session:
        action = _guard(session.redo)
    click.echo(f"redone: {action}" if action else "nothing to redo", err=True)


def _tag_names(tags: Sequence[str]) -> list[str]:
    from uzkz_desktop.archive.models import normalize_tag

    names = []
    for name in tags:
        try:
            names.append(normalize_tag(name))
        except ValueError as error:
            click.echo(f"uzkz: {error}", err=True)
            sys.exit(1)
    return names


@cli.command()
@click.argument("event_ids", nargs=-1, type=int, required=True)
@ARCHIVE_OPTION
def accept(event_ids: tuple[int, ...], archive_path: Path | None) -> None:
    """Accept candidate events (found in imported documents) into the archive."""
    _curate_many(archive_path, lambda s: s.accept(event_ids), "accepted", event_ids)


@cli.command()
@click.argument("event_ids", nargs=-1, type=int, required=True)
@ARCHIVE_OPTION
def reject(event_ids: tuple[int, ...], archive_path: Path | None) -> None:
    """Reject candidate events: they stay recorded but are no longer shown."""
    _curate_many(archive_path, lambda s: s.reject(event_ids), "rejected", event_ids)


@cli.command()
@click.argument("event_ids", nargs=-1, type=int, required=True)
@ARCHIVE_OPTION
def trash(event_ids: tuple[int, ...], archive_path: Path | None) -> None:
    """Move events to the trash (`uzkz restore` or `uzkz undo` bring them back)."""
    _curate_many(archive_path, lambda s: s.trash_events(event_ids), "trashed", event_ids)


@cli.command()
@click.argument("event_ids", nargs=-1, type=int, required=True)
@ARCHIVE_OPTION
def restore(event_ids: tuple[int, ...], archive_path: Path | None) -> None:
    """Take events out of the trash."""
    _curate_many(archive_path, lambda s: s.restore_events(event_ids), "restored", event_ids)


@cli.command()
@click.argument("keep", type=int)
@click.argument("other", type=int)
@ARCHIVE_OPTION
def merge(keep: int, other: int, archive_path: Path | None) -> None:
    """Merge event OTHER into KEEP: KEEP gets every excerpt, tag and entity; OTHER goes to
    the trash."""

    def edit(session: Session) -> int:
        session.merge_events(keep, other)
        return 1

    _curate_many(archive_path, edit, f"merged into {keep}", (other,))


@cli.command()
@click.argument("event_id", type=int)
@click.option("--title", help="The English title.")
@click.option("--title-uz", help="The Uzbek title.")
@click.option("--summary")
@click.option("--date", "date_text", help="As people write it (any language) or EDTF.")
@click.option("--category")
@click.option("--notes")
@click.option("--verified/--not-verified", default=None)
@ARCHIVE_OPTION
def edit(
    event_id: int,
    title: str | None,
    title_uz: str | None,
    summary: str | None,
    date_text: str | None,
    category: str | None,
    notes: str | None,
    verified: bool | None,
    archive_path: Path | None,
) -> None:
    """Change an event's fields; a date is read the way the window's editor reads it."""
    fields: dict[str, object] = {
        name: value
        for name, value in (
            ("title_en", title), ("title_uz", title_uz), ("summary", summary),
            ("category", category), ("notes", notes), ("verified", verified),
        )
        if value is not None
    }  # fmt: skip
    if date_text is not None:
        from uzkz_desktop.dates import parse_date

        span = parse_date(date_text)
        if span is None:
            raise click.UsageError(
                f"'{date_text}' is not a date uzkz can read: write it as in the sources"
                " (2023-yil 18-fevral, 18 февраля 2023 г., 7 Apr 2024) or as EDTF (2023-02-18)"
            )
        fields["span"] = span
    if not fields:
        raise click.UsageError("say what to change: --title, --date, --category, …")
    _curate_many(
        archive_path, lambda s: int(s.update_event(event_id, **fields)), "edited", (event_id,)
    )


def _curate_many(
    archive_path: Path | None, edit: Callable[[Session], int], verb: str, ids: Sequence[int]
) -> None:
    from uzkz_desktop.app import Session

    with _guard(lambda: Session.open(archive_path)) as session:
        for event_id in ids:
            _guard(partial(session.event, event_id))  # an unknown id: a message, exit 1
        changed = _guard(lambda: edit(session))
    names = ", ".join(str(i) for i in ids)
    click.echo(f"event{'s' if len(ids) > 1 else ''} {names}: {verb} ({changed} changed)", err=True)


def _curate(
    archive_path: Path | None, edit: Callable[[Session], int], verb: str, event_id: int
) -> None:
    from uzkz_desktop.app import Session

    with _guard(lambda: Session.open(archive_path)) as session:
        _guard(lambda: session.event(event_id))  # an unknown id: a message, exit 1
        changed = _guard(lambda: edit(session))
    click.echo(f"event {event_id}: {verb} ({changed} changed)", err=True)


@cli.command()
@click.option("--events", "n_events", required=True, type=click.IntRange(1, 1_000_000))
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--seed", default=7, show_default=True, type=int)
@click.option("--overwrite", is_flag=True, help="Replace an existing file at --out.")
def synth(n_events: int, out: Path, seed: int, overwrite: bool) -> None:
    """Make a realistic synthetic archive of N events (for benchmarks)."""
    from uzkz_desktop.archive.synth import synthesize

    bar = _ProgressLine()
    report = _guard(
        lambda: synthesize(
            out,
            n_events,
            seed=seed,
            overwrite=overwrite,
            progress=lambda done, total: bar("writing", done, total),
        )
    )
    bar.finish()
    click.echo(
        f"{report.path}: {report.events} events, {report.counts.get('sources', 0)} sources, "
        f"{report.counts.get('excerpts', 0)} excerpts in {report.seconds:.1f} s"
    )


@cli.command()
@click.option(
    "--events",
    "sizes",
    multiple=True,
    type=click.IntRange(100, 1_000_000),
    help="Synthetic archive size (repeatable; default 10000 and 100000).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object on one line.")
def bench(sizes: tuple[int, ...], as_json: bool) -> None:
    """Measure extraction, import, archive queries, search, timeline frames and start-up."""
    from uzkz_desktop.bench import fresh_work_dir, remove_work_dir, run

    work = fresh_work_dir()
    try:
        figures = run(sizes or (10_000, 100_000), work, log=lambda m: click.echo(m, err=True))
    finally:
        remove_work_dir(work)
    click.echo(json.dumps(figures, ensure_ascii=False, indent=None if as_json else 2))


def _hit_json(hit: Hit, row: EventRow) -> dict[str, object]:
    first = hit.snippets[0] if hit.snippets else None
    return {
        "event_id": hit.event_id,
        "title": row.title_en,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "precision": str(row.precision),
        "source": first.source_key if first else None,
        "page": first.page if first else None,
        "snippet": first.text if first else "",
        "score": round(hit.score, 4),
        "highlights": [list(span) for span in first.highlights] if first else [],
        "snippets": [
            {
                "excerpt_id": s.excerpt_id,
                "source": s.source_key,
                "page": s.page,
                "text": s.text,
                "highlights": [list(span) for span in s.highlights],
            }
            for s in hit.snippets
        ],
        "edtf": row.edtf,
        "category": row.category,
        "status": str(row.status),
    }


def _hit_lines(hit: Hit, row: EventRow) -> str:
    lines = [_event_line(row)]
    for snippet in hit.snippets:
        page = f", p. {snippet.page}" if snippet.page else ""
        lines.append(
            f"        [{snippet.source_key}{page}] {_marked(snippet.text, snippet.highlights)}"
        )
    return "\n".join(lines)


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The snippet with matched words in «guillemets» (a terminal has no bold)."""
    out, at = [], 0
    for start, end in sorted(spans):
        out += [text[at:start], "«", text[start:end], "»"]
        at = end
    out.append(text[at:])
    return "".join(out)


def _candidate_line(candidate: object) -> str:
    from uzkz_desktop.ingest.extract import Candidate

    assert isinstance(candidate, Candidate)
    page = f"p.{candidate.page}" if candidate.page else "p.–"
    return (
        f"{candidate.edtf:<24} {candidate.precision:<5} {page:<6} "
        f"{candidate.category:<11} {candidate.title}"
    )


def _report_failure[T](action: Callable[[], T], path: Path) -> T | None:
    """Run one file's work; on failure say what went wrong in words, never a traceback."""
    try:
        return action()
    except UzkzError as error:
        click.echo(f"uzkz: {error}", err=True)
    except MemoryError:
        click.echo(f"uzkz: {path}: not enough memory to process this file", err=True)
    except Exception as error:  # a bug in uzkz: still no traceback, but say it is ours
        click.echo(
            f"uzkz: {path}: could not be processed because of an internal error "
            f"({type(error).__name__}: {error}); please report it",
            err=True,
        )
    return None


def _guard[T](action: Callable[[], T]) -> T:
    """Run a command's work; a UzkzError becomes its message and exit status 1."""
    try:
        return action()
    except UzkzError as error:
        click.echo(f"uzkz: {error}", err=True)
        sys.exit(1)


@contextmanager
def _open_archive(path: Path | None, *, readonly: bool = False) -> Iterator[Archive]:
    from uzkz_desktop.app import resolve_archive
    from uzkz_desktop.archive.archive import Archive

    target = _guard(lambda: resolve_archive(path))
    archive = _guard(lambda: Archive.open(target, readonly=readonly))
    try:
        yield archive
    finally:
        archive.close()


def _date_option(text: str, option: str) -> DateSpan:
    from uzkz_desktop.dates.grammar import parse_date

    span = parse_date(text)
    if span is None:
        raise click.BadParameter(
            f"{text!r} is not a date (try 2023, 2023-05 or 2023-05-14)", param_hint=option
        )
    return span


def _event_json(row: EventRow) -> dict[str, object]:
    return {
        "id": row.id,
        "title": row.title_en,
        "title_uz": row.title_uz,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "precision": str(row.precision),
        "edtf": row.edtf,
        "category": row.category,
        "status": str(row.status),
        "verified": row.verified,
    }


def _detail_json(detail: EventDetail) -> dict[str, object]:
    data = asdict(detail)
    event = _event_json(detail.event)
    del data["event"]
    data["span"] = {"start": detail.span.start.isoformat(), "end": detail.span.end.isoformat()}
    return {**event, **data}


def _event_line(row: EventRow) -> str:
    return f"{row.id:>6}  {row.edtf:<24} {row.category:<11} {row.title_en}"


def _json_line(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


class _ProgressLine:
    """A one-line progress bar on a terminal; plain lines when stderr is not a terminal."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._last = ""

    def __call__(self, message: str, done: int, total: int) -> None:
        if not self._tty:
            if message != self._last:
                click.echo(message, err=True)
                self._last = message
            return
        filled = int(30 * done / max(total, 1))
        bar = "#" * filled + "-" * (30 - filled)
        click.echo(f"\r[{bar}] {done}/{total} {message[:40]:<40}", err=True, nl=False)

    def finish(self) -> None:
        if self._tty:
            click.echo("", err=True)


def main() -> None:
    """The console script. A bug in uzkz still ends in a sentence, not a traceback."""
    try:
        cli(prog_name="uzkz")
    except Exception as error:
        if os.environ.get("UZKZ_DEBUG"):
            raise
        click.echo(
            f"uzkz: something went wrong inside uzkz ({type(error).__name__}: {error}). "
            "Your archive was not changed by this failure. Run again with UZKZ_DEBUG=1 "
            "to see the details, and please report it.",
            err=True,
        )
        sys.exit(70)  # EX_SOFTWARE
