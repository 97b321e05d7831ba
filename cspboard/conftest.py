# ruff: noqa: E402 - the imports below come after registering the rewriting of what they import
import datetime
from pathlib import Path

import pytest

# pytest rewrites asserts (for its detailed failure messages) only in test_*.py and conftest.py;
# the fixtures and checks the test files share live in other modules of the tests packages.
pytest.register_assert_rewrite(
    *(
        f"cspboard.{path.parent.parent.name}.tests.{path.stem}"
        for path in Path(__file__).parent.glob("*/tests/*.py")
        if not path.stem.startswith(("test_", "__", "conftest"))
    )
)

from django.core.cache import cache

# pytest-django sets Django up before it loads this file, so the record's models import here.
from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.documents.tests.factories import make_document
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.services import (
    agenda_item_add,
    attendance_record,
    decision_add,
    declaration_record,
    meeting_create,
)
from cspboard.people.tests.factories import PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    """Each test stores papers in its own folder, never in var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    yield


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _tasks_run_in_the_test(settings):
    """Tasks run in the test's own process the moment they are enqueued (django-tasks'
    ImmediateBackend). The outbox enqueues an e-mail's delivery when the transaction commits;
    pytest-django's test transaction never does, so a test that expects mail runs the commit
    callbacks (`django_capture_on_commit_callbacks(execute=True)`), as a real commit would. The
    worker's own tests (packs/tests/test_worker.py) use the database backend and a real worker
    (docs/decisions/0006-worker.md)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Scenario:
    """A board with public and withheld material, and one user of each kind."""


@pytest.fixture
def scenario(db):
    s = Scenario()
    s.board = BoardFactory(slug="csp", name="Community Safety Partnership Board")
    s.subgroup = BoardFactory(slug="vawg", name="VAWG Subgroup", parent=s.board)
    s.other = BoardFactory(slug="other", name="Other Board")

    def user_on(board, role, username):
        user = UserFactory(username=username)
        person = PersonFactory(user=user, name=username.title())
        MembershipFactory(person=person, board=board, role=role)
        return user

    s.officer = user_on(s.board, Role.OFFICER, "officer")
    s.member = user_on(s.board, Role.MEMBER, "member")
    s.outsider = user_on(s.other, Role.MEMBER, "outsider")
    s.chair = PersonFactory(name="Fiona Chair")

    s.meeting = meeting_create(
        board=s.board,
        date=datetime.date(2018, 3, 28),
        start_time=datetime.time(10),
        end_time=datetime.time(13),
        venue="Barking Learning Centre",
        chair=s.chair,
        status=MeetingStatus.MINUTES_PUBLISHED,
        agenda_published_on=datetime.date(2018, 3, 20),
    )
    s.public_item = agenda_item_add(
        meeting=s.meeting,
        number="1",
        title="Performance Report",
        role="performance_report",
        kind="paper",
        minutes_allowed=20,
        minutes="<p>PUBLIC-MINUTES discussed.</p>",
        presenters=[s.chair],
    )
    decision_add(item=s.public_item, text="PUBLIC-DECISION agreed")
    s.public_doc = make_document(s.public_item, title="Performance pack", text="PUBLIC-DOC-TEXT")
    s.marked_doc = make_document(
        s.public_item,
        title="Hotspot annex",
        text="MARKED-DOC-TEXT",
        marking="RESTRICTED",
        paragraph=7,
        filename="annex.pdf",
    )
    s.restricted_item = agenda_item_add(
        meeting=s.meeting,
        number="2",
        title="Strategic Assessment",
        kind="paper",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
        minutes="<p>SECRET-MINUTES about a named individual.</p>",
    )
    decision_add(item=s.restricted_item, text="SECRET-DECISION")
    s.restricted_sub = agenda_item_add(
        meeting=s.meeting,
        parent=s.restricted_item,
        number="(i)",
        title="Sub-paper",
        minutes="<p>SECRET-SUB-MINUTES</p>",
    )
    s.restricted_doc = make_document(
        s.restricted_item,
        title="CDSA cover report",
        text="SECRET-DOC-TEXT",
        marking="RESTRICTED",
        paragraph=1,
        filename="cdsa.pdf",
    )
    s.sub_doc = make_document(
        s.restricted_sub, title="Sub annex", text="SECRET-SUB-DOC", filename="sub.pdf"
    )
    attendance_record(meeting=s.meeting, person=s.chair)
    declaration_record(
        meeting=s.meeting, person=s.chair, item=s.restricted_item, text="SECRET-DECLARATION"
    )

    s.draft = meeting_create(
        board=s.board,
        date=datetime.date(2018, 6, 27),
        start_time=datetime.time(10),
        status=MeetingStatus.MINUTES_DRAFTED,
    )
    agenda_item_add(meeting=s.draft, number="1", title="Draft item", minutes="<p>DRAFT-MINUTES</p>")
    s.unpublished = meeting_create(
        board=s.board,
        date=datetime.date(2030, 9, 25),
        start_time=datetime.time(10),
        status=MeetingStatus.SCHEDULED,
    )
    s.unpublished_item = agenda_item_add(
        meeting=s.unpublished, number="1", title="UNPUBLISHED-ITEM"
    )
    s.unpublished_doc = make_document(
        s.unpublished_item, title="Early paper", text="UNPUBLISHED-DOC", filename="early.pdf"
    )
    return s


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """Tests sign members in with force_login or a password alone, so the second factor
    (settings.REQUIRE_2FA, on by default) is off unless a test turns it on; the accounts tests
    (cspboard/accounts/tests/) do, with real TOTP codes."""
    settings.REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages are keyed by the record generation, which each test's rollback rewinds."""
    cache.clear()
    yield
    cache.clear()
