"""Editing for staff (the approval workflow and editors' own pages come later)."""

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Action, Finding, Objective, Partner, Plan, ScoringScheme, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "period", "status"]
    list_filter = ["organisation", "status"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ThemeInline]


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "timescale_weights", "cost_weights", "carbon_weights"]

    def save_model(
        self, request: HttpRequest, obj: ScoringScheme, form: object, change: bool
    ) -> None:
        services.scoring_scheme_update(
            scheme=obj,
            timescale=obj.timescale_weights,
            cost=obj.cost_weights,
            carbon=obj.carbon_weights,
        )


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["ref", "title", "plan", "theme", "stage", "rag", "score", "recorded_score"]
    list_filter = ["plan", "stage", "rag", "role"]
    search_fields = ["ref", "title", "lead"]
    filter_horizontal = ["partners", "objectives"]
    readonly_fields = ["score"]

    def save_model(self, request: HttpRequest, obj: Action, form: object, change: bool) -> None:
        obj.score = services.action_score(obj, obj.plan.scoring_scheme.weights())
        super().save_model(request, obj, form, change)
        services.plan_check(plan=obj.plan)


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "plan", "defined", "text"]
    list_filter = ["plan", "defined"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name"]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["plan", "ref", "field", "kind", "message", "original", "origin"]
    list_filter = ["plan", "kind", "origin"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
