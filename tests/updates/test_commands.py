"""plantracker report and plantracker remind, as an officer runs them."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from docx import Document

from plantracker.updates import services
from tests.conftest import People
from tests.cycle import c13_update, march, march_published


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_report_writes_every_format(people: People, tmp_path: Path) -> None:
    march_published(people)
    for fmt in ("pdf", "docx", "html", "xlsx"):
        target = tmp_path / f"r.{fmt}"
        out, err = run(
            "report", "--plan", "net-zero-communities", "--period", "March 2024",
            "--format", fmt, "--since", "December 2023", "--output", str(target),
        )  # fmt: skip
        assert f"Wrote {target}" in out and not err
        assert target.stat().st_size > 1000
        assert not target.with_name(target.name + ".part").exists()
    doc = Document(str(tmp_path / "r.docx"))
    changes = next(t for t in doc.tables if t.rows[0].cells[1].text == "What changed")
    assert changes.rows[1].cells[0].text.startswith("C13 ")  # changed since December 2023
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
def test_report_names_what_is_wrong(people: People) -> None:
    with pytest.raises(CommandError, match=r"no period 'June 2024'\. Periods: \"December 2023\""):
        run("report", "--plan", "net-zero-communities", "--period", "June 2024", "--format", "pdf")
    march(people)
    with pytest.raises(CommandError, match="--since must name a published period before"):
        run(
            "report", "--plan", "net-zero-communities", "--period", "december-2023",
            "--format", "pdf", "--since", "March 2024",
        )  # fmt: skip


@pytest.mark.django_db
def test_unpublished_report_is_a_preview(people: People, tmp_path: Path) -> None:
    march(people)
    _, err = run(
        "report", "--plan", "net-zero-communities", "--period", "march-2024",
        "--format", "html", "--output", str(tmp_path / "p.html"),
    )  # fmt: skip
    assert "not published: this is a preview" in err
    assert "has not been published" in (tmp_path / "p.html").read_text()


@pytest.mark.django_db
def test_remind_emails_each_contributor_their_due_updates(people: People) -> None:
    period = march(people)
    people.plan.actions.get(ref="C2").assignees.add(people.contributor)
    out, _ = run("remind", "--plan", "net-zero-communities", "--period", "March 2024", "--dry-run")
    assert "Would email carol@example.org: Overdue: 2 March 2024 updates" in out
    assert "Would email oscar@example.org: Overdue: 1 March 2024 update for" in out
    assert not mail.outbox

    c13_update(people, period)  # carol submits C13: only C2 is left for her
    out, _ = run("remind", "--plan", "net-zero-communities", "--period", "March 2024")
    assert "Sent 2 reminder email(s)" in out
    carol = next(m for m in mail.outbox if m.to == ["carol@example.org"])
    assert "C2 " in carol.body and "C13 " not in carol.body
    assert "/plans/net-zero-communities/actions/C2/updates/march-2024/" in carol.body
    assert "Overdue" in carol.subject  # due 15 March 2024, long past


@pytest.mark.django_db
def test_remind_only_while_open_and_reports_missing_addresses(people: People) -> None:
    period = services.period_create(
        plan=people.plan, user=people.editor, label="June 2024", due=date(2099, 6, 1)
    )
    people.contributor.email = ""
    people.contributor.save()
    out, err = run("remind", "--plan", "net-zero-communities", "--period", "June 2024")
    assert "carol has updates due but no email address" in err
    assert "Sent 1 reminder" in out and mail.outbox[0].subject.startswith("Due: 1 June 2024")
    services.period_close(period=period, user=people.approver)
    with pytest.raises(CommandError, match="June 2024 is closed"):
        run("remind", "--plan", "net-zero-communities", "--period", "June 2024")
