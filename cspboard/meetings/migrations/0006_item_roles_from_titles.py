"""Give the items and standing items saved before roles existed the role their titles showed.

Done once, here: from now on an item's role is set from its standing item or by an officer,
and nothing reads the words of a title to decide what an item is.
"""

from django.db import migrations


def role_from_title(title: str) -> str:
    t = title.casefold().replace("-", "").replace("sub group", "subgroup")
    if "apolog" in t:
        return "apologies"
    if "declaration" in t:
        return "declarations"
    if "minutes" in t:
        return "minutes_and_action_log" if "action" in t else "minutes"
    if "action log" in t or "action tracker" in t:
        return "action_log"
    if "subgroup update" in t:
        return "subgroup_updates"
    if "performance" in t:
        return "performance_report"
    if "forward plan" in t:
        return "forward_plan"
    if "any other business" in t or t.strip() == "aob":
        return "aob"
    if "next meeting" in t:
        return "next_meeting"
    return "ordinary"


def forwards(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    StandingItem = apps.get_model("boards", "StandingItem")
    for model in (AgendaItem, StandingItem):
        for row in model.objects.only("pk", "title"):
            role = role_from_title(row.title)
            if role != "ordinary":
                model.objects.filter(pk=row.pk).update(role=role)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_item_roles"),
        ("boards", "0003_item_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
