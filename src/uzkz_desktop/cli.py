"""The `uzkz` command: a thin shell over the same services the window uses."""

from __future__ import annotations

import click

from uzkz_desktop import __version__


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="uzkz")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """uzkz-desktop: an offline archive of Uzbekistan–Kazakhstan relations."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def main() -> None:
    cli(prog_name="uzkz")
