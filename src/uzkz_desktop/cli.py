"""The `uzkz` command: a thin shell over the same services the window uses.

Outputs marked --json are a contract (PRODUCT.md): one JSON object per line, changed
only by adding fields.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import click

from uzkz_desktop import __version__
from uzkz_desktop.core.errors import UzkzError

T = TypeVar("T")


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="uzkz")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """uzkz-desktop: an offline archive of Uzbekistan–Kazakhstan relations."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


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
        extraction = _report_failure(lambda p=path: extract_file(p, document_year=year), path)
        if extraction is None:
            failed += 1
            continue
        for candidate in extraction.candidates:
            click.echo(candidate.to_json() if as_json else _candidate_line(candidate))
        if not as_json:
            click.echo(f"{path}: {len(extraction.candidates)} dated statements", err=True)
    if failed:
        sys.exit(1)


def _candidate_line(candidate: object) -> str:
    from uzkz_desktop.ingest.extract import Candidate

    assert isinstance(candidate, Candidate)
    page = f"p.{candidate.page}" if candidate.page else "p.–"
    return (
        f"{candidate.edtf:<24} {candidate.precision:<5} {page:<6} "
        f"{candidate.category:<11} {candidate.title}"
    )


def _report_failure(action: Callable[[], T], path: Path) -> T | None:
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


def _lines(items: Iterable[str]) -> None:
    for item in items:
        click.echo(item)


def main() -> None:
    cli(prog_name="uzkz")
