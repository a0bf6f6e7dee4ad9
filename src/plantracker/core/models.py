from django.conf import settings
from django.db import models


class Organisation(models.Model):
    """A council or partner body that owns plans."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in an organisation, for all its plans or for one plan."""

    class Role(models.TextChoices):
        CONTRIBUTOR = "contributor", "Contributor"
        EDITOR = "editor", "Plan editor"
        APPROVER = "approver", "Approver"
        ADMIN = "admin", "Administrator"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="Empty: every plan of the organisation.",
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["organisation", "user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "plan", "role"],
                condition=models.Q(plan__isnull=False),
                name="membership_unique_for_plan",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(plan__isnull=True),
                name="membership_unique_for_organisation",
            ),
        ]

    def __str__(self) -> str:
        where = self.plan.title if self.plan_id else self.organisation.name  # type: ignore[union-attr]
        return f"{self.user} — {self.get_role_display()} — {where}"
