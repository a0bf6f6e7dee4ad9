from django.db import migrations, models


def mark_previews(apps, schema_editor):
    """Reports asked for before this field: public only when asked for after their period
    was published (so made from its snapshot); every other one is a preview."""
    PreparedReport = apps.get_model("reports", "PreparedReport")
    published = PreparedReport.objects.filter(
        period__status="published",
        period__published_at__isnull=False,
        requested_at__gte=models.F("period__published_at"),
    )
    published.update(preview=False)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_preparedreport_worker_stops"),
    ]

    operations = [
        migrations.AddField(
            model_name="preparedreport",
            name="preview",
            field=models.BooleanField(
                default=True,
                help_text="Made while its period was not yet published: it may hold updates "
                "never approved, so it stays with the plan's team.",
            ),
        ),
        migrations.RunPython(mark_previews, migrations.RunPython.noop),
    ]
