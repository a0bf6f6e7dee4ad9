from django.contrib import admin

from .models import Invitation, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """For the service's operators: the one place a role in a second organisation is given to
    an existing account, when its owner asks (docs/user-guide.md, "Invite by email")."""

    list_display = ["user", "organisation", "plan", "role"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user", "plan"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "user", "sent_at", "sends"]
    list_filter = ["organisation"]
    search_fields = ["email"]
    raw_id_fields = ["user", "plan", "invited_by"]
