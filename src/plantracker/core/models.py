from django.conf import settings
from django.db import models


class Organisation(models.Model):
    """A council or partner body that owns plans."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    # How the council presents its reports (organisation settings; reports/brand.py).
    report_name = models.CharField(
        "name on reports",
        max_length=200,
        blank=True,
        help_text="As it should appear on reports, for example Hinckley & Bosworth Borough "
        "Council. Empty: the organisation's name.",
    )
    logo = models.FileField(upload_to="logos/", blank=True)
    word_template = models.FileField(
        upload_to="word-templates/",
        blank=True,
        help_text="A Word document or template (.docx or .dotx) whose styles reports use.",
    )
    committees = models.TextField(
        blank=True, help_text="The committees reports go to, one per line."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def name_on_reports(self) -> str:
        return self.report_name or self.name

    def committee_names(self) -> list[str]:
        names = (" ".join(line.split()) for line in self.committees.splitlines())
        return list(dict.fromkeys(n for n in names if n))  # each once, in the order given


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


class Invitation(models.Model):
    """An invitation by email to a role in an organisation, and how often it was sent.

    `user` is the account made for a new address. It is empty when the address already
    belonged to an account elsewhere: that account is never attached, and the page shows the
    invitation exactly as it shows a new person's (docs/user-guide.md, "Invite by email")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(help_text="As the administrator typed it.")
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Membership.Role.choices)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(help_text="When the email was last sent.")
    sends = models.PositiveSmallIntegerField(default=1, help_text="Emails sent in all.")

    class Meta:
        ordering = ["organisation", "email"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.organisation}"
