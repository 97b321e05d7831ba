"""Loads the demo partnership (the seed meeting packs' board) through the services.

The loader refuses a database that holds anything it did not create, so its accounts, whose
passwords everyone knows, can never appear in a real deployment. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from cspboard.actions.services import action_create, action_set_rag, action_update_post
from cspboard.boards.choices import Role
from cspboard.boards.models import Board
from cspboard.boards.services import board_create, membership_add
from cspboard.documents.rendering import paper_pdf
from cspboard.documents.services import document_add
from cspboard.meetings.choices import AGENDA_PUBLIC_STATUSES, MeetingStatus
from cspboard.meetings.models import SCHEDULE_12A_TEXT, AgendaItem, Meeting
from cspboard.meetings.services import (
    agenda_item_add,
    attendance_record,
    decision_add,
    declaration_record,
    meeting_create,
    meeting_record_minutes_approval,
)
from cspboard.packs.publications import agenda_documents_publish, minutes_documents_publish
from cspboard.people.models import Organisation, Person
from cspboard.people.services import organisation_create, person_create, person_link_user
from cspboard.reports.deadlines import statutory_publication_date

from .funding import load_funding
from .models import DemoLoad
from .performance import load_performance
from .places import load_places
from .plans import load_plans
from .reports import load_reports

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "demo"  # noqa: S105 - the demo's published password, for demo accounts only
DEMO_ACCOUNTS = (
    ("officer", "Demo Officer", "csp", Role.OFFICER),
    ("member", "Demo Member", "csp", Role.MEMBER),
    ("outsider", "Demo Outsider", "vawg", Role.MEMBER),  # a member of a subgroup only
    ("analyst", "Demo Analyst", "csp", Role.ANALYST),  # enters and rates the performance figures
)


class DemoRefused(Exception):
    """The database holds records the demo loader did not create."""


@dataclass
class LoadResult:
    loaded: bool
    counts: dict[str, int] = field(default_factory=dict)
    accounts: tuple = DEMO_ACCOUNTS


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _time(value) -> datetime.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, int):  # YAML reads 10:00 as sexagesimal minutes
        return datetime.time(value // 60, value % 60)
    return datetime.time.fromisoformat(str(value))


def _agenda_published_on(data: dict) -> datetime.date | None:
    """The date printed on the pack; for a published agenda whose papers give none, the last
    day the law allowed (five clear working days before the meeting)."""
    if data.get("agenda_published_on"):
        return _date(data["agenda_published_on"])
    if data.get("status", "scheduled") in AGENDA_PUBLIC_STATUSES:
        return statutory_publication_date(_date(data["date"]))
    return None


def _holds_foreign_records() -> bool:
    user_model = get_user_model()
    return any(
        model.objects.exists() for model in (Board, Person, Organisation, Meeting, user_model)
    )


class Loader:
    def __init__(self, data_dir: Path = DATA_DIR, render_pdf=paper_pdf):
        self.data_dir = data_dir
        self.render_pdf = render_pdf
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.boards: dict[str, Board] = {}
        self.meetings: dict[datetime.date, Meeting] = {}
        self.counts = {
            "people": 0,
            "boards": 0,
            "memberships": 0,
            "meetings": 0,
            "items": 0,
            "documents": 0,
            "attendance": 0,
            "actions": 0,
            "published documents": 0,
        }

    def person(self, key: str | None) -> Person | None:
        if not key:
            return None
        try:
            return self.people[key]
        except KeyError:
            raise ValueError(f"The demo data names an unknown person: {key!r}") from None

    def load_partnership(self) -> None:
        data = yaml.safe_load((self.data_dir / "partnership.yaml").read_text(encoding="utf-8"))
        for row in data.get("organisations", []):
            self.orgs[row["key"]] = organisation_create(
                name=row["name"],
                short_name=row.get("short_name", ""),
                kind=row.get("kind", "other"),
                slug=row["key"],
            )
        for row in data.get("people", []):
            aliases = [(a["alias"], a.get("kind", "spelling")) for a in row.get("aliases", [])]
            self.people[row["key"]] = person_create(
                name=row["name"],
                honorific=row.get("honorific", "") or "",
                post_title=row.get("post_title", "") or "",
                organisation=self.orgs.get(row.get("organisation") or ""),
                # The papers print some officers' addresses, but the demo keeps none: nothing
                # a demo sends (agenda notices, reminders) can ever reach a real person.
                email="",
                slug=row["key"],
                aliases=aliases,
            )
        self.counts["people"] = len(self.people)
        pending = list(data.get("boards", []))
        while pending:  # parents before their subgroups
            progressed = False
            for row in list(pending):
                parent_key = row.get("parent")
                if parent_key and parent_key not in self.boards:
                    continue
                self.boards[row["key"]] = board_create(
                    name=row["name"],
                    slug=row["key"],
                    parent=self.boards.get(parent_key) if parent_key else None,
                    description=(row.get("description") or "").strip(),
                    terms_of_reference=(row.get("terms_of_reference") or "").strip(),
                    default_meeting_minutes=row.get("default_meeting_minutes") or 120,
                    contact_officer=self.person(row.get("contact_officer")),
                )
                pending.remove(row)
                progressed = True
            if not progressed:
                raise ValueError("The demo boards' parents form a loop or name unknown boards.")
        self.counts["boards"] = len(self.boards)
        for row in data.get("memberships", []):
            membership_add(
                person=self.person(row["person"]),
                board=self.boards[row["board"]],
                role=row.get("role", Role.MEMBER),
                start=_date(row.get("start")),
                end=_date(row.get("end")),
                note=row.get("note", "") or "",
            )
            self.counts["memberships"] += 1

    def load_meeting(self, path: Path) -> tuple[Meeting, datetime.date | None]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        meeting = meeting_create(
            board=self.boards[data["board"]],
            date=_date(data["date"]),
            start_time=_time(data.get("start")) or datetime.time(10, 0),
            end_time=_time(data.get("end")),
            venue=data.get("venue", "") or "",
            online=bool(data.get("online")),
            chair=self.person(data.get("chair")),
            status=data.get("status", "scheduled"),
            agenda_published_on=_agenda_published_on(data),
            no_declarations=bool(data.get("no_declarations")),
            notes=data.get("notes", "") or "",
        )
        self.counts["meetings"] += 1
        items_by_number = {}
        for row in data.get("items", []) or []:
            self._load_item(meeting, row, None, items_by_number)
        for row in data.get("attendance", []) or []:
            attendance_record(
                meeting=meeting,
                person=self.person(row.get("person")),
                name=row.get("name", "") or "",
                status=row.get("status", "present"),
                capacity=row.get("capacity", "member"),
                substitute_for=self.person(row.get("substitute_for")),
            )
            self.counts["attendance"] += 1
        for row in data.get("declarations", []) or []:
            declaration_record(
                meeting=meeting,
                person=self.person(row["person"]),
                text=row["text"],
                item=items_by_number.get(str(row.get("item", ""))),
            )
        self.meetings[meeting.date] = meeting
        return meeting, _date(data.get("minutes_approved_at"))

    def _load_item(self, meeting, row, parent, items_by_number) -> None:
        presenters = [self.person(k) for k in row.get("presenters", []) or []]
        paragraph = row.get("paragraph")
        item = agenda_item_add(
            meeting=meeting,
            parent=parent,
            number=str(row["number"]),
            title=row["title"],
            description=(row.get("description") or "").strip(),
            presenters=presenters,
            presenter_text=row.get("presenter_text", "") or "",
            minutes_allowed=row.get("minutes_allowed"),
            pages=row.get("pages", "") or "",
            kind=row.get("kind", "verbal") or "verbal",
            purpose=row.get("purpose", "") or "",
            is_standing=bool(row.get("standing")),
            role=row.get("role") or "ordinary",
            security_marking=row.get("marking", "UNRESTRICTED") or "UNRESTRICTED",
            schedule_12a_paragraph=int(paragraph) if paragraph else None,
            minutes=row.get("minutes", "") or "",
            plan_comment=(row.get("plan_comment") or "").strip(),
            as_published=True,
        )
        self.counts["items"] += 1
        items_by_number.setdefault(str(row["number"]), item)
        for text in row.get("decisions", []) or []:
            decision_add(item=item, text=text)
        for doc in row.get("documents", []) or []:
            self._load_document(item, doc)
        for child in row.get("items", []) or []:
            self._load_item(meeting, child, item, items_by_number)

    def _load_document(self, item, row) -> None:
        source = self.data_dir / "documents" / row["source"]
        marking = row.get("marking", "UNRESTRICTED") or "UNRESTRICTED"
        paragraph = row.get("paragraph")
        paragraph = int(paragraph) if paragraph else None
        basis_paragraph = (
            paragraph
            or item.schedule_12a_paragraph
            or (item.parent.schedule_12a_paragraph if item.parent else None)
        )
        pdf = self.render_pdf(
            title=row["title"],
            body_markdown=source.read_text(encoding="utf-8"),
            marking=marking,
            author=row.get("author", "") or "",
            date=_date(row.get("date")),
            legal_basis=SCHEDULE_12A_TEXT.format(n=basis_paragraph) if basis_paragraph else "",
        )
        document_add(
            item=item,
            upload=ContentFile(pdf, name=Path(row["source"]).stem + ".pdf"),
            title=row["title"],
            kind=row.get("kind", "report") or "report",
            author=row.get("author", "") or "",
            date=_date(row.get("date")),
            security_marking=marking,
            schedule_12a_paragraph=paragraph,
        )
        self.counts["documents"] += 1

    def load_actions(self) -> None:
        """The action log (actions.yaml), through the actions services; none if the file is
        not there."""
        path = self.data_dir / "actions.yaml"
        if not path.exists():
            return
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for row in data.get("actions", []) or []:
            meeting = None
            if row.get("meeting"):
                try:
                    meeting = self.meetings[_date(row["meeting"])]
                except KeyError:
                    raise ValueError(
                        f"An action names a meeting the demo does not hold: {row['meeting']}"
                    ) from None
            item = None
            if meeting is not None and row.get("item"):
                item = AgendaItem.objects.get(meeting=meeting, parent=None, number=str(row["item"]))
            organisation = self.orgs[row["organisation"]] if row.get("organisation") else None
            action = action_create(
                board=self.boards[row["board"]],
                text=" ".join(str(row["text"]).split()),
                owners=[self.person(key) for key in row.get("owners", []) or []],
                owner_organisation=organisation,
                all_partners=bool(row.get("all_partners")),
                lead_text=row.get("lead", "") or "",
                meeting=meeting,
                item=item,
                raised_on=_date(row.get("raised_on")),
                target_date=_date(row.get("target")),
                status=row.get("status", "open") or "open",
            )
            if row.get("rag"):
                action_set_rag(action=action, rag=row["rag"], reason=row.get("rag_reason", ""))
            for text in row.get("updates", []) or []:
                action_update_post(action=action, text=text, today=_date(row.get("updated_on")))
            self.counts["actions"] += 1

    def load_accounts(self, today: datetime.date) -> None:
        user_model = get_user_model()
        subgroup = next((b for b in self.boards.values() if b.parent_id), None)
        outsider_board = self.boards.get("vawg", subgroup)
        for username, name, board_key, role in DEMO_ACCOUNTS:
            first, _, last = name.partition(" ")
            user = user_model.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
            )
            person = person_create(name=name, post_title="Demo account")
            person_link_user(person=person, user=user)
            board = outsider_board if username == "outsider" else self.boards[board_key]
            if board is not None:
                membership_add(
                    person=person, board=board, role=role, start=today, note="Demo account"
                )

    def load(self, today: datetime.date) -> None:
        self.load_partnership()
        approvals = []
        for path in sorted((self.data_dir / "meetings").glob("*.yaml")):
            approvals.append(self.load_meeting(path))
        for meeting, approved_on in approvals:
            if approved_on and approved_on in self.meetings:
                meeting_record_minutes_approval(
                    meeting=meeting, approved_at=self.meetings[approved_on]
                )
        self.load_actions()
        load_performance(boards=self.boards, data_dir=self.data_dir, counts=self.counts)
        load_reports(boards=self.boards, meetings=self.meetings, today=today, counts=self.counts)
        load_funding(
            boards=self.boards, people=self.people, data_dir=self.data_dir, counts=self.counts
        )
        load_places(boards=self.boards, orgs=self.orgs, data_dir=self.data_dir, counts=self.counts)
        load_plans(boards=self.boards, orgs=self.orgs, data_dir=self.data_dir, counts=self.counts)
        self.publish_documents()
        self.load_accounts(today)

    def publish_documents(self) -> None:
        """Fix each meeting's documents as published, as its agenda and minutes went out:
        the agenda packs on their publication dates, the minutes on the day of the meeting
        that confirmed them (the papers give no other date; the meeting's own otherwise)."""
        confirmed = {m.pk: m.minutes_approved_at for m in self.meetings.values()}
        for date in sorted(self.meetings):
            meeting = self.meetings[date]
            if meeting.agenda_is_published:
                agenda_documents_publish(meeting=meeting)
                self.counts["published documents"] += 3
            if meeting.status == MeetingStatus.MINUTES_PUBLISHED:
                at = confirmed.get(meeting.pk)
                minutes_documents_publish(meeting=meeting, on=at.date if at else meeting.date)
                self.counts["published documents"] += 2


def load_demo(
    *, today: datetime.date | None = None, data_dir: Path = DATA_DIR, render_pdf=paper_pdf
) -> LoadResult:
    """Load the demo once. Returns loaded=False if it is already there."""
    with transaction.atomic():
        if DemoLoad.objects.exists():
            return LoadResult(loaded=False)
        if _holds_foreign_records():
            raise DemoRefused(
                "This database already holds boards, people, meetings or accounts that the demo "
                "loader did not create. The demo is only loaded into an empty database."
            )
        loader = Loader(data_dir=data_dir, render_pdf=render_pdf)
        loader.load(today or datetime.date.today())
        DemoLoad.objects.create()
        return LoadResult(loaded=True, counts=loader.counts)
