"""The import report as lines of plain text, for the command line."""

from .services import ImportReport


def _value(v: object) -> str:
    if v is None or v == "" or v == []:
        return "(empty)"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    if hasattr(v, "strftime"):
        return v.strftime("%Y-%m")  # type: ignore[union-attr]
    return str(v)


CLI_DRY_RUN = "Dry run: nothing was written. Run again without --dry-run to import."


def report_lines(report: ImportReport, *, dry_run_note: str = CLI_DRY_RUN) -> list[str]:
    if not report.ok:
        return []
    verb = "Imported" if report.committed else "Would import"
    lines = [
        f"{verb} {report.file} into plan '{report.plan}'"
        + (f" (a new plan for {report.organisation})" if report.plan_created else "")
    ]
    if report.used_columns:
        lines.append("Columns used: " + "; ".join(report.used_columns) + ".")
    if report.ignored_columns:
        lines.append("Columns not used: " + "; ".join(report.ignored_columns) + ".")
    lines.extend(f"Check: {hint}" for hint in report.hints)
    if report.skipped:
        lines.append("Rows skipped: " + ", ".join(f"{n} {k}" for k, n in report.skipped.items()))
    lines.append(
        f"Actions: {report.count('create')} new, {report.count('change')} changed, "
        f"{report.count('same')} unchanged, {len(report.left_alone)} in the plan but not in "
        "this file (left alone)"
    )
    for a in report.actions:
        if a.kind == "create":
            lines.append(f"  + {a.ref} {a.title[:70]}")
        elif a.kind == "change":
            for name, old, new in a.changes:
                lines.append(f"  ~ {a.ref} {name}: {_value(old)} → {_value(new)}")
    if report.themes_created:
        lines.append("Themes new: " + ", ".join(report.themes_created))
    if report.periods_created:
        lines.append("Reporting periods new: " + ", ".join(report.periods_created))
    lines.append(
        f"Updates: {report.updates_created} new, {len(report.updates_changed)} changed"
        + (f", {len(report.updates_kept)} left as they are" if report.updates_kept else "")
    )
    for name in report.updates_changed:
        lines.append(f"  ~ {name}")
    if report.updates_kept:
        lines.append(f"Conflicts ({len(report.updates_kept)}), updates not imported:")
        lines.extend(f"  ≠ {line}" for line in report.updates_kept)
    if report.warnings:
        lines.append(
            f"Warnings ({len(report.warnings)}), values in Plan Tracker the file would change:"
        )
        lines.extend(f"  ! {line}" for line in report.warnings)
    if report.findings:
        lines.append(f"Findings ({len(report.findings)}), kept and listed on the plan:")
        for f in report.findings:
            lines.append(f"  ! {f.ref or '-'} {f.field}: {f.message} [{f.source}]")
    if not report.committed:
        lines.append(dry_run_note)
    elif not report.changes_anything and report.updates_kept:
        lines.append("Nothing changed: the conflicts above were left as they are.")
    elif not report.changes_anything:
        lines.append("Nothing changed: the plan already matches this file.")
    return lines
