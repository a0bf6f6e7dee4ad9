from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CarbonProfile,
    CarbonTarget,
    EmissionRecord,
    EmissionSource,
    Roadmap,
    Scenario,
    Workstream,
)


@admin.register(CarbonTarget)
class CarbonTargetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "reduction", "year", "baseline_period", "net"]


@admin.register(CarbonProfile)
class CarbonProfileAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "baseline_period", "area_code"]


@admin.register(EmissionSource)
class EmissionSourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "scope", "category", "measured", "owner"]
    list_filter = ["organisation", "scope", "measured"]


@admin.register(EmissionRecord)
class EmissionRecordAdmin(SimpleHistoryAdmin):
    list_display = ["source", "period", "tco2e", "quality", "factor_ref", "factor_year"]
    list_filter = ["period", "quality"]


class WorkstreamInline(admin.TabularInline):
    model = Workstream
    fields = ["name", "category", "area", "saving", "start_year", "phasing", "status"]
    extra = 0


@admin.register(Roadmap)
class RoadmapAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "baseline_period", "baseline_tco2e", "target_year"]
    inlines = [WorkstreamInline]


admin.site.register(Scenario)
