"""A first import writes its actions in bulk; each still has its history, with the partners
and objectives it was created with, and a later change records as before."""

from plantracker.plans.models import Action, Plan


def test_new_actions_have_history_with_their_links(action_plan: Plan) -> None:
    actions = list(action_plan.actions.prefetch_related("partners", "objectives"))
    assert actions
    linked = 0
    for a in actions:
        records = list(a.history.all())
        assert len(records) == 1 and records[0].history_type == "+"
        assert records[0].history_change_reason.startswith("Imported from ")
        assert records[0].title == a.title and records[0].score == a.score
        assert {p.partner_id for p in records[0].partners.all()} == {p.pk for p in a.partners.all()}
        assert {o.objective_id for o in records[0].objectives.all()} == {
            o.pk for o in a.objectives.all()
        }
        linked += bool(a.partners.all() or a.objectives.all())
    assert linked > len(actions) / 2  # the sample plan links most actions


def test_a_later_edit_is_recorded_after_the_bulk_creation(action_plan: Plan) -> None:
    a = Action.objects.filter(plan=action_plan).order_by("position").first()
    assert a is not None
    a.title = "Changed title"
    a.save()
    assert [r.title for r in a.history.order_by("history_date")][-1] == "Changed title"
    assert a.history.count() == 2
