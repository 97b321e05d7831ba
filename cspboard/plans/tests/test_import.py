import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cspboard.people.tests.factories import OrganisationFactory
from cspboard.plans import import_plan, imports, services
from cspboard.plans.models import PlanAction, PlanVersion
from cspboard.plans.spreadsheets import read_spreadsheet

pytestmark = pytest.mark.django_db

GOOD = (
    "Ref,Priority,Action,Lead organisation,Support organisation(s),Due date,Status/RAG,"
    "Progress,Mandated Y/N\n"
    'M1,Governance,Agree the plan at the CSP,LBBD,"MPS, St Giles Trust",31/03/2024,Green,'
    "Agreed in December,Y\n"
    "M2,Support to victims,Map the support package,MPS,,March 2024,In progress,,N\n"
    "3,Support to victims,Engage St Giles Trust,,,TBC,,,\n"
)


@pytest.fixture
def register():
    OrganisationFactory(name="London Borough of Barking and Dagenham", short_name="LBBD")
    OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    OrganisationFactory(name="St Giles Trust")


@pytest.fixture
def plan(scenario):
    return services.plan_create(board=scenario.board, title="VRU plan", label="2022/23")


def test_reads_header_variants_and_checks_rows(register):
    rows = read_spreadsheet("plan.csv", GOOD.encode())
    checked = import_plan.plan_import(rows=rows, today=datetime.date(2023, 6, 1))
    assert checked.is_valid, [r.errors for r in checked.rows]
    m1, m2, m3 = checked.rows
    assert m1.lead.short_name == "LBBD" and [o.name for o in m1.supporting] == [
        "Metropolitan Police Service",
        "St Giles Trust",
    ]
    assert (m1.mandated, m1.rag, m1.due_on) == (True, "G", datetime.date(2024, 3, 31))
    assert m2.status == "in_progress" and m2.due_on.month == 3
    assert m3.status == "not_assigned" and m3.due_on is None
    assert checked.priorities == ["Governance", "Support to victims"]


def test_bad_rows_are_named_and_nothing_is_written(register, plan):
    bad = GOOD + "M1,Governance,,Nobody Council,,someday,Sideways,,maybe\n"
    rows = read_spreadsheet("plan.csv", bad.encode())
    checked = import_plan.plan_import(rows=rows)
    assert not checked.is_valid
    (row,) = checked.invalid_rows
    assert row.row == 5
    text = " ".join(row.errors)
    for expected in (
        "Action cell is empty",
        "also on row 2",
        "Nobody Council",
        "someday",
        "Sideways",
        "maybe",
    ):
        assert expected in text
    with pytest.raises(imports.ImportInvalid):
        imports.plan_version_import(plan=plan, label="2023/24", rows=rows)
    assert not PlanVersion.objects.filter(label="2023/24").exists()


def test_the_officer_previews_then_imports(client, register, plan, scenario):
    client.force_login(scenario.officer)
    url = reverse("plans:plan_import", args=["csp", plan.slug])
    upload = SimpleUploadedFile("plan.csv", GOOD.encode(), content_type="text/csv")
    preview = client.post(url, {"step": "upload", "label": "2023/24", "file": upload})
    assert preview.status_code == 200
    assert "Import 3 actions" in preview.content.decode()
    assert not PlanVersion.objects.filter(label="2023/24").exists()
    token = preview.context["token"]
    done = client.post(url, {"step": "confirm", "token": token})
    assert done.status_code == 302
    version = PlanVersion.objects.get(label="2023/24")
    assert version.status == "draft"
    assert [a.reference for a in version.actions.all()] == ["M1", "M2", "3"]
    m1 = PlanAction.objects.get(version=version, reference="M1")
    assert m1.rag_override == "G" and m1.updates.get().text == "Agreed in December"


def test_a_bad_file_shows_its_rows(client, register, plan, scenario):
    client.force_login(scenario.officer)
    url = reverse("plans:plan_import", args=["csp", plan.slug])
    upload = SimpleUploadedFile("plan.csv", (GOOD + ",,,,,,,,\nX,,Do it,Nobody,,,,,\n").encode())
    response = client.post(url, {"step": "upload", "label": "2023/24", "file": upload})
    assert response.status_code == 400
    assert "Row 6: No organisation called “Nobody”" in response.content.decode()
    taken = SimpleUploadedFile("plan.csv", GOOD.encode())
    response = client.post(url, {"step": "upload", "label": "2022/23", "file": taken})
    assert (
        response.status_code == 400 and "already has a version 2022/23" in response.content.decode()
    )


def test_the_download_imports_back_as_next_years_version(client, register, plan, scenario):
    rows = read_spreadsheet("plan.csv", GOOD.encode())
    first = imports.plan_version_import(plan=plan, label="2023/24", rows=rows)
    services.plan_action_add(
        version=first,
        reference="R1",
        description="=HYPERLINK withheld action",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=3,
    )
    services.plan_version_publish(version=first)
    url = reverse("plans:version_export", args=["csp", plan.slug, "2023-24"])
    public = client.get(url).content.decode("utf-8-sig")
    assert "Agree the plan at the CSP" in public and "HYPERLINK" not in public
    assert "Withheld" not in public
    client.force_login(scenario.member)
    members = client.get(url).content.decode("utf-8-sig")
    assert "NOT FOR PUBLICATION" in members.splitlines()[0]
    assert "'=HYPERLINK withheld action" in members and "Paragraph 3" in members
    again = imports.plan_version_import(
        plan=plan, label="2024/25", rows=read_spreadsheet("plan.csv", members.encode())
    )
    copied = {a.reference: a for a in again.actions.all()}
    assert set(copied) == {"M1", "M2", "3", "R1"}
    assert copied["M1"].lead_organisation.short_name == "LBBD"
    assert copied["M1"].supporting_organisations.count() == 2
    assert copied["M1"].mandated and copied["M1"].due_on == datetime.date(2024, 3, 31)
    assert copied["R1"].schedule_12a_paragraph == 3
    assert copied["R1"].description == "=HYPERLINK withheld action"
