from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from plantracker.carbon.models import CarbonProfile
from plantracker.core.database import require_migrated
from plantracker.core.models import Organisation
from plantracker.imports.area_emissions import (
    SYNONYMS,
    AreaOptions,
    area_emissions_import,
    quoted_figures_import,
)

from ._result import add_map_argument, finish, maps


class Command(BaseCommand):
    help = (
        "Import the government's local authority emissions (mySociety's wide csv) into long "
        "form, for every area or the codes given. With --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="mysociety_local_authority_emissions.csv")
        parser.add_argument(
            "--code", action="append", default=[], help="An area code to import (repeatable)."
        )
        parser.add_argument(
            "--quoted", type=Path, help="A csv of figures council papers quote, to show beside."
        )
        parser.add_argument(
            "--organisation", help="Organisation whose area this is (with exactly one --code)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show counts; write nothing.")
        add_map_argument(parser)  # for the data set's own columns (Year, local-authority-code…)

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        dry = opts["dry_run"]
        chosen = maps(opts, SYNONYMS)
        codes = opts["code"]
        org = None
        if opts["organisation"]:
            org = Organisation.objects.filter(name=opts["organisation"]).first()
            if org is None or len(codes) != 1:  # type: ignore[arg-type]
                raise CommandError(
                    "--organisation needs the name of an organisation already in Plan Tracker "
                    "and exactly one --code. Nothing was written."
                )
        # Both files or neither: a bad quoted-figures file also leaves the data set unimported.
        with transaction.atomic():
            results = [
                area_emissions_import(
                    opts["file"], AreaOptions(codes=codes), dry_run=dry, maps=chosen
                )
            ]  # type: ignore[arg-type]
            if opts["quoted"]:
                results.append(quoted_figures_import(opts["quoted"], dry_run=dry))  # type: ignore[arg-type]
            for result in results:
                if not result.ok:
                    finish(self, result)  # raises: everything above is rolled back
        for result in results:
            finish(self, result)
        if org is not None and not dry:
            code = codes[0].upper()  # type: ignore[index]
            CarbonProfile.objects.update_or_create(organisation=org, defaults={"area_code": code})
            self.stdout.write(f"{org.name}'s area is now {code}.")
