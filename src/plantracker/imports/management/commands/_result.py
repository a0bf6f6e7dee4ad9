"""What the table import commands share: --map, and what they print — the counts and the
columns used and not used on standard output, every problem on standard error, and a non-zero
exit when nothing was written."""

from collections.abc import Mapping

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.imports.tables import ImportResult, TableError, parse_maps


def add_map_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="Say what a column holds, e.g. --map 'KPI title=title', or --map 'Notes=ignore' "
        "(repeatable). The dry run lists the columns used and not used.",
    )


def maps(opts: Mapping[str, object], synonyms: Mapping[str, str]) -> dict[str, str]:
    """The --map items checked against the importer's fields, or a plain error."""
    try:
        return parse_maps(opts["map"], synonyms)  # type: ignore[arg-type]
    except TableError as exc:
        raise CommandError("\n".join(exc.problems)) from None


def finish(command: BaseCommand, result: ImportResult) -> None:
    if not result.ok:
        for problem in result.problems:
            command.stderr.write(problem)
        for line in result.column_lines():
            command.stderr.write(line)
        raise CommandError(f"{result.file} was not imported; nothing was written.")
    for line in result.lines():
        command.stdout.write(line)
