"""The summitry command: Click commands that turn arguments into a Query, run it and render it.

Domain errors are mapped to exit codes in one place (SummitryCommand.invoke, SummitryGroup.main;
to-sqlite maps the errors of its own module, imported only by it): 0 success, 1 a file that
cannot be read or written (the data, an export, a database, stdout), 2 a usage error, 130
interrupted.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple, TypeVar

import click
from msgspec import structs

from summitry import completion, views
from summitry import present as render
from summitry.data.dates import Span, parse_user_date
from summitry.data.load import load
from summitry.data.schema import ACTOR_TYPES, KINDS, STATUSES, Dataset
from summitry.errors import DataError, DateError, QueryError
from summitry.present import output
from summitry.present.safe import visible
from summitry.query import suggest as guess
from summitry.query.select import Query, check_order, select
from summitry.wording import count_of

F = TypeVar("F", bound=Callable[..., Any])

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
MAX_PAIRS = 10_000  # stats.MAX_PAIRS, which cli does not import until pairs are counted


class State:
    """The group's context object: the data path, and the dataset loaded on first use."""

    def __init__(self, data_path: str | None) -> None:
        self.data_path = data_path
        self._dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            # The dataset lives as long as the program and holds no reference cycles: the
            # collector is paused while it loads and then told to leave its (up to
            # millions of) objects alone, before it would walk them even once.
            gc.disable()
            try:
                self._dataset = load(self.data_path)
                gc.freeze()
            finally:
                gc.enable()
            # Held until the process ends, so that no unwinding frees it event by event.
            _LOADED.append(self._dataset)
        return self._dataset


# The datasets loaded, kept alive to the end: main() ends the process without freeing them.
_LOADED: list[Dataset] = []


pass_state = click.make_pass_decorator(State)


class DataFileError(click.ClickException):
    """A broken or unreadable data file: exit status 1."""

    exit_code = EXIT_DATA


class SummitryCommand(click.Command):
    """A command whose domain errors become Click errors with the right exit status, and
    whose stray words and guessed options get a pointer to what works."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # stray words get the message below, not Click's
        typed = list(args)
        try:
            rest = super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            instead = guess.date_option(error.option_name)
            if instead is None or not any(p.name == "from_" for p in self.params):
                raise
            raise click.NoSuchOption(
                error.option_name, f"No such option '{error.option_name}'; use {instead}", ctx=ctx
            ) from None
        if rest and not ctx.resilient_parsing:
            continued = guess.continued_value(ctx.command_path, typed, rest)
            if continued is not None:
                raise click.UsageError(continued, ctx)
            names = {p.name for p in self.params}
            data = None
            if "actor" in names:
                state = ctx.find_object(State)
                with contextlib.suppress(DataError):
                    data = state.dataset() if state is not None else None
            elif "search" not in names:
                raise click.UsageError(f"unexpected extra argument '{rest[0]}'", ctx)
            raise click.UsageError(
                guess.stray_words(data, ctx.command_path, rest, filters="actor" in names), ctx
            )
        return rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as error:
            raise DataFileError(error.headline()) from None
        except (output.ExportError, output.OutputError) as error:
            raise DataFileError(str(error)) from None
        except (QueryError, DateError) as error:
            raise click.UsageError(str(error), ctx) from None


class Interrupted(Exception):
    """Ctrl-C during a command, carried past Click's own handling (which adds a blank line)."""


def warn(message: str) -> None:
    """One line on stderr; text from the data or the user shows its control characters."""
    click.echo(visible(message), err=True)


class SummitryGroup(click.Group):
    """The summitry group: every error is one line on stderr and a documented exit status."""

    command_class = SummitryCommand

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            instead = guess.command(args[0], args[1:]) if args else None
            if instead is None:
                raise
            raise click.UsageError(f"No such command '{args[0]}'; try: {instead}", ctx) from None

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        output.prepare_streams()
        if "_SUMMITRY_COMPLETE" in os.environ:
            completion.use_escaping_bash()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as error:
            hint = ""
            if error.ctx is not None:
                hint = f" (see '{error.ctx.command_path} --help')"
            warn(f"Error: {error.format_message()}{hint}")
            sys.exit(EXIT_USAGE)
        except click.ClickException as error:
            warn(f"Error: {error.format_message()}")
            sys.exit(error.exit_code)
        except (click.Abort, Interrupted):
            output.discard_stdout()
            warn("Aborted.")
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            output.discard_stdout()
            sys.exit(0)
        except OSError as error:
            # Click's own writing (--help, --version, completions): the commands' output
            # goes through output.emit, which reports its errors itself.
            warn(f"Error: {output.output_error(error)}")
            sys.exit(EXIT_DATA)
        sys.exit(0)


class UserDate(click.ParamType):  # type: ignore[type-arg]
    """A date as a user types it: 2018, 2018-05, 2018-05-24, May 2018, 24 May 2018."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Span:
        if isinstance(value, Span):
            return value
        try:
            return parse_user_date(str(value))
        except DateError as error:
            self.fail(str(error), param, ctx)


DATE = UserDate()

AS_OF_OPTION = click.option(
    "--as-of",
    "as_of",
    type=DATE,
    metavar="DATE",
    help="What the sources knew on DATE: only sources published on or before it count, an "
    "event none of them reports is left out, and one that starts after DATE is planned. "
    "A month or year means its last day (--as-of 2018-05 is 31 May 2018).",
)
FILTER_OPTIONS = (
    click.option(
        "--actor",
        "-a",
        multiple=True,
        metavar="NAME",
        shell_complete=completion.complete_actor,
        help="Only events with this actor (whole words of a name or alias: Xi, Kim, "
        "'Moon Jae-in'). Repeat to require all of them.",
    ),
    click.option(
        "--kind",
        "-k",
        multiple=True,
        metavar="KIND",
        shell_complete=completion.complete_kind,
        help=f"Only events of this kind ({', '.join(KINDS)}). Repeat for any of several.",
    ),
    click.option(
        "--status",
        multiple=True,
        type=click.Choice(STATUSES, case_sensitive=False),
        help="Only events with this status: held (reported as having taken place), planned "
        "(reported only as to come) or cancelled. Repeat for any of several.",
    ),
    click.option(
        "--place",
        "-p",
        multiple=True,
        metavar="TEXT",
        help="Only events whose place or country contains TEXT. Repeat for any of several.",
    ),
    click.option(
        "--search",
        "-s",
        multiple=True,
        metavar="TEXT",
        help="Only events whose title or summary contains TEXT (ignoring case and accents). "
        "Repeat to require all of them.",
    ),
    click.option(
        "--from",
        "from_",
        type=DATE,
        metavar="DATE",
        help="Only events that reach DATE or later (an event of some day of May 2018 counts "
        "for --from 2018-05-31).",
    ),
    click.option(
        "--to",
        "to",
        type=DATE,
        metavar="DATE",
        help="Only events that start on or before DATE (all of it: --to 2018 is up to "
        "31 Dec 2018).",
    ),
    AS_OF_OPTION,
)
LISTING_OPTIONS = (
    click.option(
        "--limit", "-n", type=click.IntRange(min=0), metavar="N", help="Show at most N events."
    ),
    click.option("--reverse", "-r", is_flag=True, help="Newest first."),
)


def _format_options(formats: tuple[str, ...]) -> tuple[Callable[[F], F], ...]:
    return (
        click.option(
            "--format",
            "-f",
            "format_",
            type=click.Choice(formats, case_sensitive=False),
            default="table",
            show_default=True,
            help="Output format.",
        ),
        click.option("--json", "json_", is_flag=True, help="Shorthand for --format json."),
    )


def _export_option(formats: tuple[str, ...]) -> Callable[[F], F]:
    """--export FILE, accepting the suffixes of a command with these formats."""
    suffixes = output.export_suffixes(formats)

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        if "\0" in value:
            raise click.BadParameter("a file name cannot contain a NUL byte")
        if os.path.isdir(value):
            raise click.BadParameter(f"'{value}' is a directory")
        if os.path.exists(value) and not os.path.isfile(value):
            raise click.BadParameter(f"'{value}' is not a regular file")
        if not value.lower().endswith(suffixes):
            raise click.BadParameter(
                f"'{value}' must end in {', '.join(suffixes)} (the kind of file to save)"
            )
        return value

    data = [suffix for suffix in suffixes if suffix not in output.DRAWING_SUFFIXES]
    saved = "; or the same text as --format for " + ", ".join(data) if data else ""
    return click.option(
        "--export",
        "-e",
        metavar="FILE",
        shell_complete=completion.complete_path,
        callback=check,
        help="Also save the result to FILE, by its suffix: what the terminal shows (table or "
        f"chart) for .svg, .html, .txt{saved}. What is printed does not change.",
    )


class Output(NamedTuple):
    """Where a command's result goes: its format, and the file to export it to."""

    fmt: str
    export: str | None
    title: str

    def emit(self, view: views.View) -> None:
        """Print the view's notes on stderr, then its result in its format, and save the
        export in the format of its suffix.

        With nothing (no match), the table and Markdown are left out, on the screen and in an
        export: they would show nothing; the other formats write their empty document.
        """
        for note in view.notes:
            warn(note)
        if view.parts is None:
            return
        parts, nothing = view.parts, view.nothing
        empty = ("table", "markdown") if nothing else ()
        shown = self.fmt not in empty
        screen = render.write(self.fmt, parts) if shown else ""
        saved = None
        if self.export is not None:
            _refuse_data_file(self.export)
            fmt = output.export_format(self.export)
            if fmt not in empty:
                content = screen if fmt == self.fmt else render.write(fmt, parts)
                saved = output.Export(self.export, content, self.title)
        if shown or saved:
            output.emit(screen, saved)


def _refuse_data_file(export: str) -> None:
    from summitry.present.files import same_file

    state = click.get_current_context().find_object(State)
    if state is not None and same_file(export, state.dataset().origin):
        raise click.UsageError(
            f"'{export}' is the data file being read; summitry never writes its data: "
            "choose another file"
        )


def _apply(options: tuple[Callable[[F], F], ...], function: F) -> F:
    for option in reversed(options):
        function = option(function)
    return function


def query_options(*, listing: bool) -> Callable[[F], F]:
    """The filter options (and --limit/--reverse for listings), handed on as one Query."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start: Span | None = kwargs.pop("from_")
            end: Span | None = kwargs.pop("to")
            as_of: Span | None = kwargs.pop("as_of")
            if start and end:
                check_order(
                    start.start, end.end, "--from is after --to", "--from 2018-05 --to 2018-06"
                )
            query = Query(
                actors=kwargs.pop("actor"),
                kinds=kwargs.pop("kind"),
                statuses=tuple(dict.fromkeys(value.lower() for value in kwargs.pop("status"))),
                places=kwargs.pop("place"),
                texts=kwargs.pop("search"),
                start=start.start if start else None,
                end=end.end if end else None,
                as_of=as_of.end if as_of else None,
            )
            if listing:
                query = structs.replace(
                    query, limit=kwargs.pop("limit"), reverse=kwargs.pop("reverse")
                )
            return command(*args, query=query, **kwargs)

        options = FILTER_OPTIONS + (LISTING_OPTIONS if listing else ())
        return _apply(options, wrapper)  # type: ignore[return-value]

    return decorate


def as_of_option(command: F) -> F:
    """--as-of alone, for the commands without the filters; handed on as a date or None."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        as_of: Span | None = kwargs.pop("as_of")
        return command(*args, as_of=as_of.end if as_of else None, **kwargs)

    return AS_OF_OPTION(wrapper)  # type: ignore[return-value]


def format_options(formats: tuple[str, ...] = render.OTHER_FORMATS) -> Callable[[F], F]:
    """--format (one of formats), --json and --export, handed on as one Output."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            fmt = "json" if kwargs.pop("json_") else kwargs.pop("format_").lower()
            kwargs.pop("format_", None)
            return command(*args, out=_output(fmt, kwargs.pop("export")), **kwargs)

        options = (*_format_options(formats), _export_option(formats))
        return _apply(options, wrapper)  # type: ignore[return-value]

    return decorate


def export_option(command: F) -> F:
    """--export alone, for the commands that only draw; handed on as an Output."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(*args, out=_output("table", kwargs.pop("export")), **kwargs)

    return _export_option(("table",))(wrapper)  # type: ignore[return-value]


def top_option(minimum: int, help_: str) -> Callable[[F], F]:
    """--top N, for the commands that draw only the most active actors."""
    return click.option(
        "--top",
        "-t",
        type=click.IntRange(min=minimum),
        default=8,
        show_default=True,
        metavar="N",
        help=help_,
    )


def _output(fmt: str, export: str | None) -> Output:
    return Output(fmt, export, click.get_current_context().command_path)


@click.group(
    cls=SummitryGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--data",
    envvar="SUMMITRY_DATA",
    metavar="PATH",
    shell_complete=completion.complete_path,
    help="Query this data file instead of the bundled one (also: SUMMITRY_DATA).",
)
# The help is given, so that Click need not look it up in gettext's catalogues on every start.
@click.version_option(
    package_name="summitry", message="%(prog)s %(version)s", help="Show the version and exit."
)
@click.pass_context
def cli(ctx: click.Context, data: str | None) -> None:
    """Look up North Korea's summit diplomacy of 2017-2019, with a source for every event.

    \b
    Examples:
      summitry list --actor Xi
      summitry between 2018-05 2018-06
      summitry show 2018-06-12-singapore-summit
      summitry summary --kind summit
      summitry timeline --actor Kim --actor Xi
      summitry pairs --kind summit
      summitry to-sqlite summitry.db

    Exit status: 0 success, 1 the data file is broken or unreadable (or an --export file or
    a database or the output cannot be written), 2 a usage error (an --export or a database
    onto the data file included), 130 interrupted.
    """
    ctx.obj = State(data or None)
    if ctx.invoked_subcommand is None:  # bare 'summitry': the help, as a success
        click.echo(ctx.get_help())
        ctx.exit(0)


@cli.command(name="list")
@query_options(listing=True)
@format_options(render.EVENT_FORMATS)
@pass_state
def list_events(state: State, query: Query, out: Output) -> None:
    """List the events that match the filters, oldest first.

    An event that is not known to have taken place is marked '(planned)' (or '(cancelled)')
    before its title; --as-of DATE lists what the sources knew on that day. Each event's id
    (in the Id column, or under its title) is what 'summitry show ID' takes.

    \b
    Examples:
      summitry list --actor Xi
      summitry list --actor Kim --actor Moon --kind summit
      summitry list --search nuclear --from 2019 --format csv
      summitry list --reverse --limit 5
      summitry list --as-of 2018-05-31 --from 2018-05-31
      summitry list --kind summit --export summits.svg
      summitry list --actor Xi --export xi.ics
    """
    out.emit(views.events(state.dataset(), query))


@cli.command()
@click.argument("start", type=DATE)
@click.argument("end", type=DATE, required=False)
@query_options(listing=True)
@format_options(render.EVENT_FORMATS)
@pass_state
def between(state: State, start: Span, end: Span | None, query: Query, out: Output) -> None:
    """List the events between START and END, both taken whole and included; without END,
    those of START alone ('between 2018-06' is June 2018).

    'between 2018-05 2018-06' is 1 May to 30 June 2018; an event is listed when any part of
    its date falls in the period (a 'Feb 2018' event is in 'between 2018-02-10 2018-03').

    \b
    Examples:
      summitry between 2018-05 2018-06
      summitry between "June 2018"
      summitry between 2018 2018 --kind summit
      summitry between "May 2018" "24 May 2018" --actor Trump
      summitry between 2018-06 2018-06 --as-of 2018-05-31
      summitry between 2018-05 2018-06 --format ics
    """
    out.emit(views.between(state.dataset(), start, end or start, query))


@cli.command()
@click.argument(
    "event_id", metavar="ID", required=False, shell_complete=completion.complete_event_id
)
@as_of_option
@format_options(render.EVENT_FORMATS)
@pass_state
def show(state: State, event_id: str | None, as_of: date | None, out: Output) -> None:
    """Show one event in full: date and how it is known, held or planned, place, actors,
    summary and sources.

    ID is the event's id as the Id column of 'summitry list' shows it: the full id, or the
    id without its date when no other event has the same.

    \b
    Examples:
      summitry show 2018-06-12-singapore-summit
      summitry show singapore-summit
      summitry show 2018-06-12-singapore-summit --as-of 2018-05-31
      summitry show 2019-02-27-hanoi-summit --json
      summitry show 2018-06-12-singapore-summit --format ics
    """
    if event_id is None:
        raise click.UsageError(
            "Missing argument 'ID': an event's id, as the Id column of 'summitry list' shows "
            "it (e.g. summitry show singapore-summit)"
        )
    out.emit(views.event(state.dataset(), event_id, as_of))


@cli.command()
@click.option(
    "--search",
    "-s",
    metavar="TEXT",
    help="Only actors whose name, alias, role or country contains TEXT.",
)
@as_of_option
@format_options()
@pass_state
def actors(state: State, search: str | None, as_of: date | None, out: Output) -> None:
    """List everyone in the data: role, country, number of events, first and last appearance.

    Every event an actor takes part in is counted, planned ones too (as 'list --actor'
    lists them); 'pairs' and 'summary' count only the events that were held.

    \b
    Examples:
      summitry actors
      summitry actors --search kim
      summitry actors --as-of 2018-05-31
      summitry actors --format csv
    """
    out.emit(views.actors(state.dataset(), search, as_of))


@cli.command()
@query_options(listing=False)
@format_options()
@pass_state
def summary(state: State, query: Query, out: Output) -> None:
    """Summarize the matching events: kinds, busiest actors, events per month, summits by pair.

    Every count is of held events: planned and cancelled ones are left out, and the caption
    says how many.

    \b
    Examples:
      summitry summary
      summitry summary --actor Kim --from 2019
      summitry summary --as-of 2018-05-31
      summitry summary --kind summit --format json
    """
    out.emit(views.summary(state.dataset(), query, out.fmt))


@cli.command()
@query_options(listing=False)
@top_option(1, "A lane for each of the N most active actors (those named by --actor first).")
@click.option(
    "--by",
    type=click.Choice(("auto", "week", "month")),
    default="auto",
    show_default=True,
    help="The axis steps: auto is weeks for up to 16 weeks, months for anything longer.",
)
@export_option
@pass_state
def timeline(state: State, query: Query, top: int, by: str, out: Output) -> None:
    """Draw the matching events over time: a lane per actor, a mark where they take part.

    Leaders' summits are marked apart from other events, and planned (or cancelled) events
    apart from those held; the axis runs from the first matching event to the last (or over
    --from/--to) and fits the terminal's width.

    \b
    Examples:
      summitry timeline
      summitry timeline --actor Kim --actor Xi
      summitry timeline --from 2018-05 --to 2018-06 --top 5
      summitry timeline --as-of 2018-05-31 --from 2018-05
      summitry timeline --kind summit --export summits.svg
    """
    out.emit(views.timeline(state.dataset(), query, top, None if by == "auto" else by))


@cli.command()
@query_options(listing=False)
@click.option(
    "--type",
    "types",
    type=click.Choice(ACTOR_TYPES),
    multiple=True,
    metavar="TYPE",
    help=f"Pair actors of this type ({', '.join(ACTOR_TYPES)}); repeat for several. "
    "Default: person.",
)
@top_option(2, "The matrix shows the N actors with most shared events.")
@click.option("--list", "as_list", is_flag=True, help="List every pair, even when a matrix fits.")
@click.option(
    "--max-pairs",
    type=click.IntRange(min=1),
    default=MAX_PAIRS,
    show_default=True,
    metavar="N",
    help="Stop counting (and say so) before an event that would take the pairs past N.",
)
@format_options()
@pass_state
def pairs(
    state: State,
    query: Query,
    types: tuple[str, ...],
    top: int,
    as_list: bool,
    max_pairs: int,
    out: Output,
) -> None:
    """Who met whom: pairs of actors who took part in the same events, how often and when.

    A matrix of the most connected actors when the terminal is wide enough, otherwise a
    list of every pair; each gives the number of shared events and the first and last date.
    Only held events are counted: planned and cancelled ones are left out, and the caption
    says how many. Events are counted in date order up to --max-pairs pairs (an event of k
    actors has k(k-1)/2): where counting stops short, the caption (or stderr) says so.

    \b
    Examples:
      summitry pairs
      summitry pairs --kind summit
      summitry pairs --actor Trump --list
      summitry pairs --type person --type state --format csv
    """
    view = views.pairs(state.dataset(), query, types, top, as_list, max_pairs, out.fmt)
    out.emit(view)


@cli.command(name="to-sqlite")
@click.argument("path", metavar="PATH", shell_complete=completion.complete_path)
@query_options(listing=False)
@click.option("--replace", is_flag=True, help="Overwrite PATH (and the --metadata FILE).")
@click.option(
    "--metadata",
    "metadata_path",
    metavar="FILE",
    shell_complete=completion.complete_path,
    help="Also write Datasette metadata (table and column descriptions) to FILE, "
    "for 'datasette PATH -m FILE'.",
)
@pass_state
def to_sqlite(
    state: State, path: str, query: Query, replace: bool, metadata_path: str | None
) -> None:
    """Write the matching events, with their actors and sources, to a SQLite database.

    Tables events, actors, sources, event_actors and event_sources, with primary and
    foreign keys; full-text search over the events' title, summary, place and note; views
    summit_pairs and events_per_month. Ready for Datasette and sqlite-utils. PATH is
    replaced only with --replace, and never when it is the data file being read. Needs
    sqlite-utils: pip install 'summitry[sqlite]'.

    Exit status: 1 when a file cannot be written or sqlite-utils is missing, 2 when PATH
    exists (without --replace) or is the data file.

    \b
    Examples:
      summitry to-sqlite summitry.db
      summitry to-sqlite summits.db --kind summit --metadata metadata.json
      summitry to-sqlite summitry.db --replace
    """
    from summitry.present import sqlite as sqlite_export

    try:
        sqlite_export.require_library()
        data = state.dataset()
        targets = [path] if metadata_path is None else [path, metadata_path]
        sqlite_export.check_targets(targets, data.origin, replace=replace)
        selection = select(data, query)
        if not selection.matched:
            warn(views.no_match(query, selection))
        counts = sqlite_export.write(data, selection.matched, path, metadata_path)
    except sqlite_export.Refused as error:
        raise click.UsageError(str(error), click.get_current_context()) from None
    except (sqlite_export.MissingLibrary, sqlite_export.WriteError) as error:
        raise DataFileError(str(error)) from None
    output.emit(
        f"{path}: {count_of(counts.events, 'event')}, "
        f"{count_of(counts.actors, 'actor')}, {count_of(counts.sources, 'source')}\n"
    )


@cli.command()
@click.argument("path", required=False, metavar="[PATH]", shell_complete=completion.complete_path)
@pass_state
def validate(state: State, path: str | None) -> None:
    """Check a data file (default: --data, or the bundled one) and report every problem.

    Exit status 0 when the file is valid, 1 when it is not.

    \b
    Examples:
      summitry validate
      summitry validate my-events.json
    """
    target = path or state.data_path
    try:
        data = load(target, strict=True)
    except DataError as error:
        for line in error.lines():
            warn(line)
        raise DataFileError(views.invalid(error)) from None
    output.emit(views.valid(data))


def main() -> None:
    """The console script's entry point.

    Once its output is flushed the process ends without tearing the dataset down: freeing
    a large file's events one by one takes seconds and changes nothing.
    """
    try:
        cli(prog_name="summitry")
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise done from None
        os._exit(code)
