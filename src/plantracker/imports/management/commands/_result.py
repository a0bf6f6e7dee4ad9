"""What the framework, KPI and risk import commands print: the counts on standard output,
every problem on standard error, and a non-zero exit when nothing was written."""

from django.core.management.base import BaseCommand, CommandError

from plantracker.imports.tables import ImportResult


def finish(command: BaseCommand, result: ImportResult) -> None:
    if not result.ok:
        for problem in result.problems:
            command.stderr.write(problem)
        raise CommandError(f"{result.file} was not imported; nothing was written.")
    for line in result.lines():
        command.stdout.write(line)
