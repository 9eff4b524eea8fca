"""The Click classes the commands are built on (one-line errors, --data) and shared options."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

import click
import msgspec

from summitry import completion, errors
from summitry.data.dates import Span, parse_user_date
from summitry.data.load import load
from summitry.data.schema import KINDS, STATUSES, Dataset
from summitry.present import output
from summitry.present.formats import FORMATS, OTHER_FORMATS, by_suffix, export_problem
from summitry.present.rows import Result
from summitry.present.safe import one_line
from summitry.query import suggest
from summitry.query.select import Query, check_order


def _data_path(_ctx: click.Context, _param: click.Parameter, path: str | None) -> str | None:
    """--data's path; an empty one (a script's unset variable) is refused, not read as none."""
    if path == "":
        raise click.BadParameter("is empty; give a data file's path, or leave --data out")
    return path


DATA_OPTION: dict[str, Any] = {
    "metavar": "PATH",
    "callback": _data_path,
    "shell_complete": completion.complete_path,
    "help": "Query this data file instead of the bundled one (also: SUMMITRY_DATA).",
}


def warn(message: str) -> None:
    """One line on stderr, control characters and line breaks escaped."""
    click.echo(one_line(message), err=True)


class UsageProblem(click.UsageError):
    """A usage error shown as one line: the message and where the command's help is."""

    def show(self, file: Any = None) -> None:
        hint = f" (see '{self.ctx.command_path} --help')" if self.ctx is not None else ""
        warn(f"Error: {self.format_message()}{hint}")


class Failure(click.ClickException):
    """A file that cannot be read or written (exit status 1), shown as one line."""

    def show(self, file: Any = None) -> None:
        warn(f"Error: {self.format_message()}")


class Interrupted(click.ClickException):
    """Ctrl-C: 'Aborted.' and exit status 130; what was still to be printed is dropped."""

    exit_code = errors.EXIT_INTERRUPTED

    def show(self, file: Any = None) -> None:
        output.discard_stdout()
        warn(self.message)


class Terminated(Interrupted):
    """SIGTERM: 'Terminated.' and exit status 143."""

    exit_code = errors.EXIT_TERMINATED


@contextlib.contextmanager
def one_line_errors(ctx: click.Context) -> Iterator[None]:
    """Turn Click's usage errors, summitry's own and Ctrl-C into one-line Click exceptions."""
    try:
        yield
    except click.UsageError as error:
        raise UsageProblem(error.format_message(), error.ctx or ctx) from None
    except errors.SummitryError as error:
        if error.exit_code == errors.EXIT_USAGE:
            raise UsageProblem(str(error), ctx) from None
        raise Failure(str(error)) from None
    except errors.SigTerm:
        raise Terminated("Terminated.") from None
    except KeyboardInterrupt:
        raise Interrupted("Aborted.") from None


class State:
    """The group's context object: the data path, and the dataset loaded on first use."""

    def __init__(self, data_path: str | None) -> None:
        self.data_path = data_path

    @functools.cached_property
    def dataset(self) -> Dataset:
        return load(self.data_path)


class Command(click.Command):
    """A command that takes --data and points stray words and guessed options to what works."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(click.Option(["--data"], **DATA_OPTION))

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # stray words are pointed to options by invoke
        ctx.meta["summitry.typed"] = list(args)
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            instead = suggest.option(error.option_name, {p.name for p in self.params})
            if instead is None:
                raise
            raise UsageProblem(f"No such option '{error.option_name}'; {instead}", ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        data = ctx.params.pop("data", None)
        if data:
            root = ctx.find_root()
            given = root.params.get("data")
            typed = root.get_parameter_source("data") is click.core.ParameterSource.COMMANDLINE
            if typed and given and given != data:
                twice = f"--data is given twice ('{given}' and '{data}'); give one data file"
                raise UsageProblem(twice, ctx)
            ctx.ensure_object(State).data_path = data
        if ctx.args:  # words that no option took: a hint, with the data's actors if it loads
            names, state, loaded = {p.name for p in self.params}, ctx.find_object(State), None
            if "actor" in names and state is not None:
                with contextlib.suppress(errors.SummitryError):
                    loaded = state.dataset
            typed, path = ctx.meta["summitry.typed"], ctx.command_path
            raise UsageProblem(suggest.stray_words(loaded, path, typed, ctx.args, names), ctx)
        with one_line_errors(ctx):
            return super().invoke(ctx)


class Group(click.Group):
    """The summitry group: every error is one line on stderr with its exit status."""

    command_class = Command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        output.prepare_streams()
        if "_SUMMITRY_COMPLETE" in os.environ:
            completion.use_escaping_bash()
        return super().main(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with one_line_errors(ctx):
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        with one_line_errors(ctx):
            return super().invoke(ctx)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            data = None
            with contextlib.suppress(errors.SummitryError):
                data = load(ctx.params.get("data") or None)
            instead = suggest.command(args[0], args[1:], data) if args else None
            if instead is None:
                raise
            raise UsageProblem(f"No such command '{args[0]}'; try: {instead}", ctx) from None


class UserDate(click.ParamType):  # type: ignore[type-arg]
    """A date as a user types it: 2018, 2018-05, 2018-05-24, May 2018, 24 May 2018."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Span:
        try:
            return parse_user_date(str(value))
        except errors.DateError as error:
            self.fail(str(error), param, ctx)


class FormatChoice(click.Choice):  # type: ignore[type-arg]
    """--format's choices, pointing a database format to the to-sqlite command."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if str(value).lower() in ("sqlite", "sqlite3", "db", "sql", "datasette"):
            self.fail(f"'{value}' is not a format; for a database use: summitry to-sqlite FILE")
        return super().convert(value, param, ctx)


F = TypeVar("F", bound=Callable[..., Any])
DATE = UserDate()
pass_state = click.make_pass_decorator(State)
repeated = functools.partial(click.option, multiple=True)
QUERY_FIELDS = {"actor": "actors", "kind": "kinds", "place": "places", "search": "texts"}


as_of_option = click.option(
    "--as-of",
    type=DATE,
    callback=lambda _ctx, _param, span: span.end if span else None,
    help="What the sources knew on DATE: only sources published on or before it count, an "
    "event none of them reports is left out, and one that starts after DATE is planned. "
    "A month or year means its last day (--as-of 2018-05 is 31 May 2018).",
)
FILTER_OPTIONS = (
    repeated(
        "--actor",
        "-a",
        metavar="NAME",
        shell_complete=completion.complete_actor,
        help="Only events with this actor (whole words of a name or alias: Xi, Kim, "
        "'Moon Jae-in'). Repeat to require all of them.",
    ),
    repeated(
        "--kind",
        "-k",
        metavar="KIND",
        shell_complete=completion.complete_kind,
        help=f"Only events of this kind ({', '.join(KINDS)}). Repeat for any of several.",
    ),
    repeated(
        "--status",
        type=click.Choice(STATUSES, case_sensitive=False),
        help="Only events with this status: held (reported as having taken place), planned "
        "(reported only as to come) or cancelled. Repeat for any of several.",
    ),
    repeated(
        "--place",
        "-p",
        metavar="TEXT",
        help="Only events whose place or country contains TEXT. Repeat for any of several.",
    ),
    repeated(
        "--search",
        "-s",
        metavar="TEXT",
        help="Only events whose title or summary contains TEXT (ignoring case and accents). "
        "Repeat to require all of them.",
    ),
    click.option(
        "--from",
        "from_",
        type=DATE,
        callback=lambda _ctx, _param, span: span.start if span else None,
        help="Only events that reach DATE or later (an event of some day of May 2018 counts "
        "for --from 2018-05-31).",
    ),
    click.option(
        "--to",
        type=DATE,
        callback=lambda _ctx, _param, span: span.end if span else None,
        help="Only events that start on or before DATE (all of it: --to 2018 is up to "
        "31 Dec 2018).",
    ),
    as_of_option,
)
LISTING_OPTIONS = (
    click.option(
        "--limit", "-n", type=click.IntRange(min=0), metavar="N", help="Show at most N events."
    ),
    click.option("--reverse", "-r", is_flag=True, help="Newest first."),
)


class Output(msgspec.Struct, frozen=True):
    """Where a command's result goes: its format and the file to export it to."""

    fmt: str
    export: str | None

    @property
    def draws(self) -> bool:
        """Whether a table is drawn: on the screen, or into a drawing (.svg, .html, .txt)."""
        found = by_suffix(self.export) if self.export else None
        return self.fmt == "table" or (found is not None and found[0].drawing)

    def emit(self, result: Result) -> None:
        """Write the result, with the data file that an export must not replace."""
        ctx = click.get_current_context()
        state = ctx.find_object(State)
        data_file = state.dataset.origin if state and self.export else None
        output.emit(result, self.fmt, self.export, ctx.command_path, data_file)


def _decorate(options: tuple[Callable[[F], F], ...], wrapper: Callable[..., Any]) -> F:
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def query_options(*, listing: bool) -> Callable[[F], F]:
    """The filter options (and --limit/--reverse for listings), handed on as one Query."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, from_: date | None, to: date | None, **kwargs: Any) -> Any:
            if from_ and to:
                check_order(from_, to, "--from is after --to", "--from 2018-05 --to 2018-06")
            names = [*QUERY_FIELDS, "as_of", "limit", "reverse"]
            fields = {QUERY_FIELDS.get(n, n): kwargs.pop(n) for n in names if n in kwargs}
            statuses = tuple(dict.fromkeys(kwargs.pop("status")))
            query = Query(statuses=statuses, start=from_, end=to, **fields)
            return command(*args, query=query, **kwargs)

        return _decorate(FILTER_OPTIONS + (LISTING_OPTIONS if listing else ()), wrapper)

    return decorate


def format_options(formats: tuple[str, ...] = OTHER_FORMATS) -> Callable[[F], F]:
    """--format (one of formats; only 'table' for one), --json and --export, as one Output."""

    def check(_ctx: click.Context, _param: click.Parameter, path: str | None) -> str | None:
        if path is not None and (problem := export_problem(path, formats)):
            raise click.BadParameter(problem)
        return path

    data = [s for name in formats if not FORMATS[name].drawing for s in FORMATS[name].suffixes]
    saved = "; or the same text as --format for " + ", ".join(data) if data else ""
    export = click.option(
        "--export",
        "-e",
        metavar="FILE",
        shell_complete=completion.complete_path,
        callback=check,
        help="Also save the result to FILE, by its suffix: what the terminal shows (table or "
        f"chart) for .svg, .html, .txt{saved}. What is printed does not change.",
    )
    choice = FormatChoice(formats, case_sensitive=False)
    choices = (
        click.option(
            "--format", "-f", "format_", type=choice, default="table", help="Output format."
        ),
        click.option("--json", "json_", is_flag=True, help="Shorthand for --format json."),
    )

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(
            *args: Any, export: str | None, format_: str = "table", json_: bool = False, **kw: Any
        ) -> Any:
            return command(*args, out=Output("json" if json_ else format_, export), **kw)

        return _decorate((*choices, export) if len(formats) > 1 else (export,), wrapper)

    return decorate


def top_option(minimum: int, help_: str) -> Callable[[F], F]:
    """--top N, for the commands that draw only the most active actors."""
    return click.option(
        "--top", "-t", type=click.IntRange(min=minimum), default=8, metavar="N", help=help_
    )
