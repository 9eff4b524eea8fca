"""The summitry commands: each builds a Query and an Output, calls a view, emits the result."""

from __future__ import annotations

import os
import sys
from datetime import date

import click
import msgspec.json

from summitry import cli_base, completion, views
from summitry.data.dates import Span
from summitry.data.load import load
from summitry.data.schema import ACTOR_TYPES, Document
from summitry.errors import EXIT_FILE, DataError
from summitry.present import output
from summitry.present.formats import EVENT_FORMATS
from summitry.query.select import Query
from summitry.query.stats import MAX_PAIRS


@click.group(
    cls=cli_base.Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "show_default": True},
)
@click.option("--data", envvar="SUMMITRY_DATA", **cli_base.DATA_OPTION)
@click.version_option(package_name="summitry", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, data: str | None) -> None:
    """Look up North Korea's summit diplomacy of 2017-2019, with a source for every event.

    \b
    Examples:
      summitry list --actor Xi
      summitry between 2018-05 2018-06
      summitry show singapore-summit
      summitry summary --kind summit
      summitry timeline --actor Kim --actor Xi
      summitry pairs --kind summit
      summitry to-sqlite summitry.db

    Every command takes --data PATH (before or after its name) for a data file of your own.

    Exit status: 0 success, 1 the data file is broken or unreadable (or an --export file, a
    database or the output cannot be written), 2 a usage error (an --export or a database
    onto the data file included), 130 interrupted, 143 terminated.
    """
    ctx.obj = cli_base.State(data)
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@cli.command(name="list")
@cli_base.query_options(listing=True)
@cli_base.format_options(EVENT_FORMATS)
@cli_base.pass_state
def list_events(state: cli_base.State, query: Query, out: cli_base.Output) -> None:
    """List the events that match the filters, oldest first.

    An event not known to have taken place is marked '(planned)' (or '(cancelled)') before
    its title; --as-of DATE lists what the sources knew on that day. Each event's id is
    what 'summitry show ID' takes.

    \b
    Examples:
      summitry list --actor Xi
      summitry list --actor Kim --actor Moon --kind summit
      summitry list --search nuclear --from 2019 --format csv
      summitry list --as-of 2018-05-31 --from 2018-05-31
      summitry list --actor Xi --export xi.ics
    """
    out.emit(views.events(state.dataset, query, drawn=out.draws))


@cli.command()
@click.argument("start", type=cli_base.DATE)
@click.argument("end", type=cli_base.DATE, required=False)
@cli_base.query_options(listing=True)
@cli_base.format_options(EVENT_FORMATS)
@cli_base.pass_state
def between(
    state: cli_base.State, start: Span, end: Span | None, query: Query, out: cli_base.Output
) -> None:
    """List the events between START and END, both taken whole and included; without END,
    those of START alone ('between 2018-06' is June 2018).

    An event is listed when any part of its date falls in the period (a 'Feb 2018' event is
    in 'between 2018-02-10 2018-03').

    \b
    Examples:
      summitry between 2018-05 2018-06
      summitry between "June 2018"
      summitry between 2018 2018 --kind summit
      summitry between 2018-05 2018-06 --format ics
    """
    out.emit(views.between(state.dataset, start, end or start, query, drawn=out.draws))


@cli.command()
@click.argument(
    "event_id", metavar="ID", required=False, shell_complete=completion.complete_event_id
)
@cli_base.as_of_option
@cli_base.format_options(EVENT_FORMATS)
@cli_base.pass_state
def show(
    state: cli_base.State, event_id: str | None, as_of: date | None, out: cli_base.Output
) -> None:
    """Show one event in full: date and how it is known, held or planned, place, actors,
    summary and sources.

    ID is the event's id as 'summitry list' shows it, or any part of it that no other
    event's id contains.

    \b
    Examples:
      summitry show singapore-summit
      summitry show singapore-summit --as-of 2018-05-31
      summitry show hanoi-summit --json
    """
    if event_id is None:
        raise click.UsageError(
            "Missing argument 'ID': an event's id, as the Id column of 'summitry list' shows "
            "it (e.g. summitry show singapore-summit)"
        )
    out.emit(views.event(state.dataset, event_id, as_of))


@cli.command()
@click.option(
    "--search",
    "-s",
    metavar="TEXT",
    help="Only actors whose name, alias, role or country contains TEXT.",
)
@cli_base.as_of_option
@cli_base.format_options()
@cli_base.pass_state
def actors(
    state: cli_base.State, search: str | None, as_of: date | None, out: cli_base.Output
) -> None:
    """List everyone in the data: role, country, number of events, first and last appearance.

    Every event an actor takes part in is counted, planned ones too (as 'list --actor'
    lists them); 'pairs' and 'summary' count only the events that were held.

    \b
    Examples:
      summitry actors
      summitry actors --search kim --as-of 2018-05-31
      summitry actors --format csv
    """
    out.emit(views.actors(state.dataset, search, as_of))


@cli.command()
@cli_base.query_options(listing=False)
@cli_base.format_options()
@cli_base.pass_state
def summary(state: cli_base.State, query: Query, out: cli_base.Output) -> None:
    """Summarize the matching events: kinds, busiest actors, events per month, summits by pair.

    Every count is of held events: planned and cancelled ones are left out, and the caption
    says how many.

    \b
    Examples:
      summitry summary
      summitry summary --actor Kim --from 2019
      summitry summary --kind summit --format json
    """
    out.emit(views.summary(state.dataset, query, out.fmt))


@cli.command()
@cli_base.query_options(listing=False)
@cli_base.top_option(
    1, "A lane for each of the N most active actors (those named by --actor first)."
)
@click.option(
    "--by",
    type=click.Choice(("auto", "week", "month")),
    default="auto",
    help="The axis steps: auto is weeks for up to 16 weeks, months for anything longer.",
)
@cli_base.format_options(("table",))
@cli_base.pass_state
def timeline(state: cli_base.State, query: Query, top: int, by: str, out: cli_base.Output) -> None:
    """Draw the matching events over time: a lane per actor, a mark where they take part.

    Summits are marked apart from other events, and planned (or cancelled) events apart
    from those held; the axis runs over the matching events (or --from/--to) and fits the
    terminal's width.

    \b
    Examples:
      summitry timeline
      summitry timeline --actor Kim --actor Xi
      summitry timeline --from 2018-05 --to 2018-06 --top 5
      summitry timeline --kind summit --export summits.svg
    """
    out.emit(views.timeline(state.dataset, query, top, None if by == "auto" else by))


@cli.command()
@cli_base.query_options(listing=False)
@click.option(
    "--type",
    "types",
    type=click.Choice(ACTOR_TYPES),
    multiple=True,
    metavar="TYPE",
    help=f"Pair actors of this type ({', '.join(ACTOR_TYPES)}); repeat for several. "
    "Default: person.",
)
@cli_base.top_option(2, "The matrix shows the N actors with most shared events.")
@click.option("--list", "as_list", is_flag=True, help="List every pair, even when a matrix fits.")
@click.option(
    "--max-pairs",
    type=click.IntRange(min=1),
    default=MAX_PAIRS,
    metavar="N",
    help="Stop counting (and say so) before an event that would take the pairs past N.",
)
@cli_base.format_options()
@cli_base.pass_state
def pairs(
    state: cli_base.State,
    query: Query,
    types: tuple[str, ...],
    top: int,
    as_list: bool,
    max_pairs: int,
    out: cli_base.Output,
) -> None:
    """Who met whom: pairs of actors who took part in the same held events, how often, when.

    A matrix of the most connected actors when the terminal is wide enough, otherwise a
    list of every pair. Events are counted in date order up to --max-pairs pairs: where
    counting stops short, the caption (or stderr) says so.

    \b
    Examples:
      summitry pairs
      summitry pairs --kind summit
      summitry pairs --actor Trump --list
      summitry pairs --type person --type state --format csv
    """
    out.emit(views.pairs(state.dataset, query, types, top, as_list, max_pairs, out.fmt))


@cli.command(name="to-sqlite")
@click.argument("path", shell_complete=completion.complete_path)
@cli_base.query_options(listing=False)
@click.option("--replace", is_flag=True, help="Overwrite PATH (and the --metadata FILE).")
@click.option(
    "--metadata",
    "metadata_path",
    metavar="FILE",
    shell_complete=completion.complete_path,
    help="Also write Datasette metadata (table and column descriptions) to FILE.",
)
@cli_base.pass_state
def to_sqlite(
    state: cli_base.State, path: str, query: Query, replace: bool, metadata_path: str | None
) -> None:
    """Write the matching events, with their actors and sources, to a SQLite database.

    Tables events, actors, sources, event_actors and event_sources, with keys, full-text
    search and views summit_pairs and events_per_month, ready for Datasette. PATH is
    replaced only with --replace. Needs sqlite-utils: from a clone, .venv/bin/pip install
    '.[sqlite]'; from PyPI, pip install 'summitry[sqlite]'.

    \b
    Examples:
      summitry to-sqlite summitry.db
      summitry to-sqlite summits.db --kind summit --metadata metadata.json
      summitry to-sqlite summitry.db --replace
    """
    line, notes = views.to_sqlite(state.dataset, query, path, metadata_path, replace=replace)
    for note in notes:
        cli_base.warn(note)
    output.emit(line)


@cli.command()
@click.argument("path", required=False, shell_complete=completion.complete_path)
@cli_base.pass_state
def validate(state: cli_base.State, path: str | None) -> None:
    """Check a data file (default: --data, or the bundled one) and report every problem.

    Exit status 0 when the file is valid, 1 when it is not.

    \b
    Examples:
      summitry validate
      summitry validate my-events.json
    """
    try:
        data = load(path or state.data_path, strict=True)
    except DataError as error:
        for line in error.lines():
            cli_base.warn(line)
        raise cli_base.Failure(views.invalid(error)) from None
    output.emit(views.valid(data))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a data file, for an editor to check a file as you write it.

    \b
    Examples:
      summitry schema
    """
    output.emit(msgspec.json.format(msgspec.json.encode(msgspec.json.schema(Document))).decode())


def main() -> None:
    """The console script: run the command, then exit without freeing the dataset."""
    try:
        cli(prog_name="summitry")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    except OSError as error:  # Click's own writing: --help, --version, completions
        cli_base.warn(f"Error: {output.output_error(error)}")
        code = EXIT_FILE
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or EXIT_FILE
    os._exit(code)
