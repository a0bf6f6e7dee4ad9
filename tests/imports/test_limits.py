"""Files an import refuses before reading them: too big, zip bombs dressed as workbooks, and
XML that expands entities (defusedxml). Each refusal names the file and says what to do, and
nothing is written."""

from __future__ import annotations

import shutil
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from plantracker.carbon.models import AreaEmission, ConversionFactor
from plantracker.imports.limits import MAX_RATIO
from plantracker.plans.models import Plan
from tests.conftest import ACTION_PLAN_XLSX, COMMUNITIES, ORG, SAMPLES

FACTORS = SAMPLES / "ghg-conversion-factors-2024-FlatFormat_v1_1.xlsx"
AREAS = SAMPLES / "mysociety_local_authority_emissions.csv"

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(9))
    + "]>\n"
)


def laughs(xml: bytes) -> bytes:
    """The part with a billion-laughs entity declared and used in its first text cell."""
    if xml.startswith(b"<?xml"):
        xml = xml.partition(b"?>")[2]
    return LAUGHS.encode() + xml.replace(b"<t>", b"<t>&lol8;", 1).replace(b"<v>", b"<v>&lol8;", 1)


def refused(*args: str) -> str:
    """Run the command; return what it wrote to stderr and the error together."""
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(*args, stdout=StringIO(), stderr=err)
    return f"{err.getvalue()}\n{caught.value}"


def rewrite(source: Path, target: Path, part: str, change) -> Path:  # type: ignore[no-untyped-def]
    """Copy a workbook, passing one part's XML through `change`."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            data = zin.read(item.filename)
            z.writestr(item, change(data) if item.filename == part else data)
    return target


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLANTRACKER_MAX_IMPORT_MB = 0.001  # about 1 KB
    text = refused("import", str(COMMUNITIES), "--plan", "nz", "--organisation", ORG)
    assert COMMUNITIES.name in text and "imports take files up to" in text
    assert "PLANTRACKER_MAX_IMPORT_MB" in text
    assert not Plan.objects.exists()
    text = refused("import-factors", str(FACTORS))
    assert FACTORS.name in text and "imports take files up to" in text
    text = refused("import-area-emissions", str(AREAS))
    assert AREAS.name in text and "imports take files up to" in text
    assert not ConversionFactor.objects.exists() and not AreaEmission.objects.exists()


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "plan.xlsx"
    shutil.copy(ACTION_PLAN_XLSX, bomb)
    padding = 8 * 1024 * 1024
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.xml", b" " * padding)
    packed = next(i for i in zipfile.ZipFile(bomb).infolist() if i.filename.endswith("padding.xml"))
    assert padding / packed.compress_size > MAX_RATIO  # the test's own file is a bomb
    text = refused("import", str(bomb), "--plan", "p", "--organisation", ORG)
    assert "plan.xlsx: part xl/media/padding.xml unpacks" in text
    assert "re-save it from Excel" in text and not Plan.objects.exists()


@pytest.mark.django_db
def test_entity_expansion_in_a_workbook_is_refused(tmp_path: Path) -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML, "openpyxl must parse workbooks through defusedxml"
    sheet = "xl/worksheets/sheet1.xml"
    bomb = rewrite(ACTION_PLAN_XLSX, tmp_path / "laughs.xlsx", sheet, laughs)
    text = refused("import", str(bomb), "--plan", "p", "--organisation", ORG)
    assert "laughs.xlsx: cannot be opened as an Excel workbook" in text
    assert "Re-save it as .xlsx" in text and not Plan.objects.exists()

    factors = rewrite(FACTORS, tmp_path / "factors.xlsx", sheet, laughs)
    text = refused("import-factors", str(factors))
    assert "factors.xlsx" in text and "cannot be" in text
    assert not ConversionFactor.objects.exists()


@pytest.mark.django_db
def test_a_broken_area_csv_names_its_row(tmp_path: Path) -> None:
    head = AREAS.read_text(encoding="utf-8").splitlines()[0]
    bad = tmp_path / "areas.csv"
    bad.write_text(head + "\n" + "x" * 200_000 + "\n", encoding="utf-8")  # over csv's field limit
    text = refused("import-area-emissions", str(bad))
    assert "areas.csv, row 2: the file is not valid CSV" in text
    assert not AreaEmission.objects.exists()
