"""Who hears of what, and every email sent (or still to send) about a plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Preference(models.Model):
    """How one person hears of one plan's updates and periods. No row: each event."""

    class Choice(models.TextChoices):
        EACH = "each", "An email for each event"
        DIGEST = "digest", "One email a day with everything (a daily digest)"
        NONE = "none", "No emails"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="notification_preferences"
    )
    choice = models.CharField(max_length=10, choices=Choice.choices, default=Choice.EACH)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "plan"]
        constraints = [
            models.UniqueConstraint(fields=["user", "plan"], name="preference_unique_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.plan} — {self.get_choice_display()}"


class Subscriber(models.Model):
    """A member of the public who asked for a plan's published reports by email. Only a
    confirmed address (the link in the confirmation email was followed) is sent them."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="subscribers")
    email = models.EmailField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "email"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "email"], name="subscriber_unique_per_plan")
        ]

    def __str__(self) -> str:
        state = "confirmed" if self.confirmed_at else "not confirmed"
        return f"{self.email} — {self.plan} ({state})"


class Notification(models.Model):
    """One email to one address: the outbox. The task worker sends it, and records each
    attempt; a failed send is tried again up to PLANTRACKER_EMAIL_ATTEMPTS times."""

    class Event(models.TextChoices):
        SUBMITTED = "submitted", "Update submitted"
        RETURNED = "returned", "Update returned"
        PUBLISHED = "published", "Period published"
        DIGEST = "digest", "Daily digest"
        CONFIRM = "confirm", "Confirm a subscription"

    class Status(models.TextChoices):
        HELD = "held", "Held for the daily digest"
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        BATCHED = "batched", "Sent in a daily digest"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    address = models.EmailField(max_length=254)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    event = models.CharField(max_length=20, choices=Event.choices)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField()
    link = models.URLField(max_length=1000, blank=True)
    unsubscribe = models.URLField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "recipient"], name="notification_status")]

    def __str__(self) -> str:
        return f"{self.get_event_display()} to {self.address}: {self.get_status_display()}"
