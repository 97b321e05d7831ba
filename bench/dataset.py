"""Ten years of a partnership: six boards (one board, five subgroups), their people and meetings.

Boards, organisations, people, memberships and meetings go through the services. The bulk of the
data (agenda items, minutes, decisions, attendance, declarations, papers) is built in memory the
way the services would build it (positions in order across levels, minutes through
sanitise_html, papers stored at the path and with the content type document_add gives them) and
written with bulk_create; a sample of every kind is then put through full_clean(), and the
database's own constraints check the rest.

Only for a throwaway database: generate() expects an empty one.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

# Boards and how many meetings each holds a year ("quarterly to monthly").
BOARDS = (
    ("csp", "Community Safety Partnership Board", 6),
    ("vawg", "Violence Against Women and Girls Subgroup", 12),
    ("reducing-reoffending", "Reducing Reoffending Subgroup", 8),
    ("serious-violence", "Serious Violence and Exploitation Subgroup", 10),
    ("asb", "Anti-social Behaviour Subgroup", 12),
    ("prevent", "Prevent Partnership Subgroup", 4),
)
YEARS = 10
MEMBERS_PER_BOARD = 40
PEOPLE = 180
MEMBER_USERNAME = "bench-member"

ORGANISATIONS = (
    ("London Borough of Barking and Dagenham", "LBBD", "council"),
    ("Metropolitan Police Service", "MPS", "police"),
    ("Probation Service", "Probation", "probation"),
    ("London Fire Brigade", "LFB", "fire"),
    ("NHS North East London", "NHS NEL", "health"),
    ("Barking, Havering and Redbridge University Hospitals", "BHRUT", "health"),
    ("Office of the Mayor for Policing and Crime", "MOPAC", "other"),
    ("Barking and Dagenham Council for Voluntary Service", "BDCVS", "voluntary"),
    ("Refuge", "Refuge", "voluntary"),
    ("Victim Support", "Victim Support", "voluntary"),
    ("Department for Work and Pensions", "DWP", "other"),
    ("Youth Justice Service", "YJS", "council"),
)
FIRST = (
    "Amara Ben Chloe Dev Efua Fiona Gita Hamid Imran Jade Kofi Laura Mo Nadia Owen Priya Rosa "
    "Sam Tariq Una Vik Wendy Yusuf Zara"
).split()
LAST = (
    "Adeyemi Baker Chen Dhillon Evans Fraser Ghani Hodgson Iqbal Jones Khan Lewis Mensah Novak "
    "Okafor Patel Quinn Rahman Smith Taylor Usman Vaughan Walsh Young"
).split()
HONORIFICS = ("", "", "", "", "Cllr", "Supt", "Dr", "DCI")
POSTS = (
    "Head of Community Safety",
    "Borough Commander",
    "Head of Service",
    "Service Manager",
    "Partnership Manager",
    "Director of Public Health",
    "Chief Executive",
    "Cabinet Member for Enforcement and Community Safety",
    "Strategy Officer",
    "Senior Analyst",
)
VENUES = ("Barking Town Hall, Committee Room 2", "Dagenham Civic Centre", "Microsoft Teams")
THEMES = (
    "Domestic abuse",
    "Knife crime",
    "Hate crime",
    "Youth violence",
    "Neighbourhood policing",
    "Town centre safety",
    "Drugs and alcohol",
    "Exploitation",
    "Fly-tipping",
    "Reoffending",
)
SENTENCES = (
    "The board noted the report and thanked the presenter.",
    "Members asked how the figures compared with the same quarter last year.",
    "The police lead said the rise reflected better recording rather than more offences.",
    "It was agreed that the partnership would bring a fuller analysis to the next meeting.",
    "The chair asked partners to share the action plan with their own organisations.",
    "Concerns were raised about waiting times for specialist support services.",
    "The board discussed the funding position for the coming financial year.",
    "Officers confirmed that the consultation would close at the end of the month.",
)


@dataclass
class Dataset:
    boards: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    member_user: object = None
    member_device: object = None  # a confirmed TOTP device, when django-otp is installed


def _minutes_html(rng: random.Random, title: str) -> str:
    picked = rng.sample(SENTENCES, rng.randint(2, 4))
    points = "".join(f"<li>{s}</li>" for s in rng.sample(SENTENCES, 3))
    return (
        f"<p><strong>{title}.</strong> {' '.join(picked)}</p>"
        f"<ul>{points}</ul>"
        f"<p>{rng.choice(SENTENCES)} See <a href='https://www.gov.uk/'>GOV.UK</a>.</p>"
    )


def _meeting_dates(per_year: int, first_year: int) -> list[datetime.date]:
    """Evenly spread through each year, on the second Wednesday of the month."""
    dates = []
    for year in range(first_year, first_year + YEARS):
        for k in range(per_year):
            month = 1 + k * 12 // per_year
            first = datetime.date(year, month, 1)
            wednesday = first + datetime.timedelta(days=(2 - first.weekday()) % 7 + 7)
            dates.append(wednesday)
    return dates


def _people(rng: random.Random):
    from cspboard.people.services import organisation_create, person_create

    orgs = [
        organisation_create(name=name, short_name=short, kind=kind)
        for name, short, kind in ORGANISATIONS
    ]
    people = []
    for n in range(PEOPLE):
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7 + n // len(FIRST)) % len(LAST)]}"
        people.append(
            person_create(
                name=name,
                honorific=rng.choice(HONORIFICS),
                post_title=rng.choice(POSTS),
                organisation=orgs[n % len(orgs)],
                email=f"person{n}@example.org",
            )
        )
    return orgs, people


def _boards(rng: random.Random, people, first_day: datetime.date):
    """Six boards, 40 current members each (chair, officers, advisers...), some past members."""
    from cspboard.boards.choices import Role
    from cspboard.boards.services import board_create, membership_add

    roles = (
        [Role.CHAIR, Role.DEPUTY_CHAIR, Role.CONTACT_OFFICER, Role.OFFICER, Role.NOTE_TAKER]
        + [Role.ADVISER] * 2
        + [Role.ANALYST]
        + [Role.MEMBER] * (MEMBERS_PER_BOARD - 8)
    )
    boards, members = [], {}
    parent = None
    for slug, name, _ in BOARDS:
        chosen = rng.sample(people, MEMBERS_PER_BOARD + 4)
        board = board_create(
            name=name,
            slug=slug,
            parent=parent,
            description=f"The {name} of the London Borough of Barking and Dagenham.",
            default_meeting_minutes=180 if parent is None else 120,
            contact_officer=chosen[2],
        )
        parent = parent or board
        by_role = {}
        for person, role in zip(chosen, roles, strict=False):
            membership_add(person=person, board=board, role=role, note="Terms of reference")
            by_role.setdefault(role, []).append(person)
        # History: four members who left part-way through the decade.
        for person in chosen[MEMBERS_PER_BOARD:]:
            start = first_day + datetime.timedelta(days=rng.randint(0, 1500))
            membership_add(
                person=person,
                board=board,
                role=Role.MEMBER,
                start=start,
                end=start + datetime.timedelta(days=rng.randint(200, 1500)),
            )
        boards.append(board)
        members[board.pk] = (chosen[:MEMBERS_PER_BOARD], by_role)
    return boards, members


def _meetings(rng: random.Random, boards, members, today: datetime.date):
    from cspboard.boards.choices import Role
    from cspboard.meetings.choices import MeetingStatus
    from cspboard.meetings.services import meeting_create, meeting_record_minutes_approval

    first_year = today.year - YEARS + 1
    meetings = []
    for board, (_, _, per_year) in zip(boards, BOARDS, strict=True):
        chair = members[board.pk][1][Role.CHAIR][0]
        dates = _meeting_dates(per_year, first_year)
        past = [d for d in dates if d <= today]
        held = []  # every meeting that took place, in order
        for date in dates:
            if date > today:
                status = (
                    MeetingStatus.AGENDA_PUBLISHED
                    if date - today < datetime.timedelta(days=10)
                    else MeetingStatus.SCHEDULED
                )
            elif rng.random() < 0.03:
                status = MeetingStatus.CANCELLED
            elif date == past[-1]:
                status = MeetingStatus.MINUTES_DRAFTED
            else:
                # Minutes through the approval cycle and out to the public; the next meeting
                # confirms them (below).
                status = getattr(MeetingStatus, "MINUTES_PUBLISHED", MeetingStatus.MINUTES_APPROVED)
            venue = rng.choice(VENUES)
            meeting = meeting_create(
                board=board,
                date=date,
                start_time=datetime.time(10),
                end_time=(
                    datetime.time(13) if board.default_meeting_minutes == 180 else datetime.time(12)
                ),
                venue=venue,
                online=venue == "Microsoft Teams",
                chair=chair,
                status=status,
                agenda_published_on=(
                    date - datetime.timedelta(days=7) if status != MeetingStatus.SCHEDULED else None
                ),
            )
            meetings.append(meeting)
            if status != MeetingStatus.CANCELLED and date <= today:
                held.append(meeting)
        for earlier, later in zip(held, held[1:], strict=False):
            meeting_record_minutes_approval(meeting=earlier, approved_at=later)
    return meetings


PUBLIC_ITEM = "Performance report"  # titles, for checking what a page shows whom
RESTRICTED_ITEM = "Multi-agency case review"

# The shape of every agenda: (number, title, kind, purpose, standing, sub-items, papers).
# "THEME" is replaced by the meeting's theme; the restricted item is marked below.
AGENDA = (
    ("1", "Welcome, introductions and apologies", "verbal", "", True, (), ()),
    ("2", "Declarations of interest", "verbal", "", True, (), ()),
    (
        "3",
        "Minutes of the last meeting and action log",
        "paper",
        "decision",
        True,
        (),
        ("minutes",),
    ),
    (
        "4",
        PUBLIC_ITEM,
        "paper",
        "discussion",
        False,
        ("(i) Crime and ASB data", "(ii) Victim satisfaction"),
        ("report", "appendix"),
    ),
    ("5", "THEME: deep dive", "presentation", "discussion", False, (), ("presentation",)),
    (
        "6",
        "Subgroup and partner updates",
        "verbal",
        "information",
        True,
        ("(a) Police", "(b) Council and partners"),
        (),
    ),
    (
        "7",
        RESTRICTED_ITEM,
        "paper",
        "decision",
        False,
        ("(i) Actions for partners",),
        ("report",),
    ),
    ("8", "Any other business", "verbal", "", True, (), ()),
)
RESTRICTED_NUMBER = "7"


def _agenda(rng, meeting, members, dataset_rows, pdfs):
    """Items, decisions, papers and presenters for one meeting, built as the services would."""
    from cspboard.core.sanitise import sanitise_html
    from cspboard.documents.choices import ALLOWED_TYPES
    from cspboard.meetings.choices import DecisionKind, SecurityMarking
    from cspboard.meetings.models import AgendaItem, Decision

    people = members[meeting.board_id][0]
    theme = rng.choice(THEMES)
    position = 0
    for number, title, kind, purpose, standing, subs, papers in AGENDA:
        title = title.replace("THEME", theme)
        restricted = number == RESTRICTED_NUMBER
        position += 1
        presenter = rng.choice(people) if kind != "verbal" else None
        item = AgendaItem(
            meeting=meeting,
            parent=None,
            position=position,
            number=number,
            title=title,
            description=f"To consider the {title.lower()}." if kind == "paper" else "",
            presenter_text="Chair" if standing else "",
            minutes_allowed=rng.choice((5, 10, 15, 20, 30)),
            pages=f"Pages {position * 4} - {position * 4 + 6}" if kind == "paper" else "",
            kind=kind,
            purpose=purpose,
            is_standing=standing,
            security_marking=(
                SecurityMarking.RESTRICTED if restricted else SecurityMarking.UNRESTRICTED
            ),
            schedule_12a_paragraph=rng.choice((1, 2, 7)) if restricted else None,
            minutes=sanitise_html(_minutes_html(rng, title)),
        )
        # Stored as `withholding_sync` stores it: the paragraph that withholds the item.
        item.withheld_paragraph = item.schedule_12a_paragraph
        dataset_rows["items"].append((item, None))
        if presenter is not None:
            dataset_rows["presenters"].append((item, presenter))
        decisions = 1 if number == "3" else rng.randint(1, 2) if purpose == "decision" else 0
        for d in range(decisions):
            text = (
                "The minutes were agreed as a correct record."
                if number == "3"
                else f"RESOLVED: {rng.choice(SENTENCES)}"
            )
            dataset_rows["decisions"].append(
                (
                    item,
                    Decision(
                        text=text,
                        kind=DecisionKind.RESOLUTION if d else DecisionKind.DECISION,
                        position=d + 1,
                    ),
                )
            )
        for p, paper_kind in enumerate(papers, start=1):
            filename = f"item-{number}-{paper_kind}.pdf"
            data = pdfs[paper_kind]
            dataset_rows["documents"].append(
                (
                    item,
                    dict(
                        title=f"{title} ({paper_kind})",
                        kind=paper_kind,
                        author=presenter.display_name if presenter else "",
                        author_person=presenter,
                        date=meeting.date - datetime.timedelta(days=7),
                        security_marking=(
                            SecurityMarking.RESTRICTED
                            if restricted
                            else SecurityMarking.UNRESTRICTED
                        ),
                        schedule_12a_paragraph=item.schedule_12a_paragraph,
                        filename=filename,
                        content_type=ALLOWED_TYPES["pdf"][0],
                        size=len(data),
                        position=p,
                    ),
                    data,
                )
            )
        for sub in subs:
            sub_number, sub_title = sub.split(" ", 1)
            position += 1
            child = AgendaItem(
                meeting=meeting,
                position=position,
                number=sub_number,
                title=sub_title,
                kind="verbal",
                minutes_allowed=None,
                minutes=sanitise_html(_minutes_html(rng, sub_title)),
                withheld_paragraph=item.withheld_paragraph,  # withheld with its parent
            )
            dataset_rows["items"].append((child, item))


def _attendance(rng, meeting, members, outsiders):
    from cspboard.boards.choices import Role
    from cspboard.meetings.choices import AttendanceCapacity as Cap
    from cspboard.meetings.choices import AttendanceStatus as St
    from cspboard.meetings.models import Attendance

    people, by_role = members[meeting.board_id]
    voting = [p for p in people if p not in by_role[Role.CONTACT_OFFICER] + by_role[Role.OFFICER]]
    voting = [p for p in voting if p not in by_role[Role.NOTE_TAKER]]
    picked = rng.sample(voting, 18)
    present, apologies, absent = picked[:14], picked[14:17], picked[17:]
    rows = [Attendance(meeting=meeting, person=p) for p in present]
    rows += [Attendance(meeting=meeting, person=p, status=St.APOLOGIES) for p in apologies]
    rows += [Attendance(meeting=meeting, person=p, status=St.ABSENT) for p in absent]
    rows.append(
        Attendance(
            meeting=meeting,
            person=rng.choice(outsiders),
            capacity=Cap.SUBSTITUTE,
            substitute_for=apologies[0],
        )
    )
    rows.append(
        Attendance(meeting=meeting, person=by_role[Role.CONTACT_OFFICER][0], capacity=Cap.OFFICER)
    )
    rows.append(
        Attendance(meeting=meeting, person=by_role[Role.NOTE_TAKER][0], capacity=Cap.NOTE_TAKER)
    )
    rows.append(Attendance(meeting=meeting, name="Guest Speaker", capacity=Cap.GUEST))
    return rows


def _bulk(model, objs: list) -> None:
    """bulk_create, with the history rows a save() would have written when the model keeps
    them (django-simple-history)."""
    try:
        from simple_history.exceptions import NotHistoricalModelError
        from simple_history.utils import bulk_create_with_history
    except ImportError:
        model.objects.bulk_create(objs)
        return
    try:
        bulk_create_with_history(objs, model, batch_size=500)
    except NotHistoricalModelError:
        model.objects.bulk_create(objs)


def generate(*, seed: int = 2026, today: datetime.date | None = None) -> Dataset:
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.db import transaction

    from cspboard.boards.choices import Role
    from cspboard.boards.models import Membership
    from cspboard.documents.models import Document
    from cspboard.documents.tests.factories import pdf_bytes
    from cspboard.meetings.choices import MeetingStatus
    from cspboard.meetings.models import AgendaItem, Attendance, Decision, Declaration, Meeting
    from cspboard.people.services import person_link_user

    rng = random.Random(seed)
    today = today or datetime.date.today()
    pdfs = {
        kind: pdf_bytes(f"Board paper: {kind}")
        for kind in ("minutes", "report", "appendix", "presentation")
    }
    ds = Dataset()
    with transaction.atomic():
        _, people = _people(rng)
        first_day = datetime.date(today.year - YEARS + 1, 1, 1)
        ds.boards, members = _boards(rng, people, first_day)
        ds.meetings = _meetings(rng, ds.boards, members, today)

        rows = {"items": [], "presenters": [], "decisions": [], "documents": []}
        attendance, declarations = [], []
        not_held = (
            MeetingStatus.SCHEDULED,
            MeetingStatus.AGENDA_PUBLISHED,
            MeetingStatus.CANCELLED,
        )
        for meeting in ds.meetings:
            _agenda(rng, meeting, members, rows, pdfs)
            if meeting.status not in not_held:
                on_board = set(members[meeting.board_id][0])
                outsiders = [p for p in people if p not in on_board]
                attendance += _attendance(rng, meeting, members, outsiders)
                if rng.random() < 0.15:
                    declarations.append((meeting, rng.choice(members[meeting.board_id][0])))
                else:
                    meeting.no_declarations = True

        # Top-level items first, so sub-items can point at their parents' new keys.
        _bulk(AgendaItem, [i for i, parent in rows["items"] if parent is None])
        for item, parent in rows["items"]:
            if parent is not None:
                item.parent = parent
        _bulk(AgendaItem, [i for i, parent in rows["items"] if parent is not None])
        through = AgendaItem.presenters.through
        through.objects.bulk_create(
            [through(agendaitem_id=i.pk, person_id=p.pk) for i, p in rows["presenters"]]
        )
        for item, decision in rows["decisions"]:
            decision.item = item
        _bulk(Decision, [d for _, d in rows["decisions"]])
        documents = []
        for item, fields, data in rows["documents"]:
            document = Document(item=item, **fields)
            document.file.save(fields["filename"], ContentFile(data), save=False)
            documents.append(document)
        _bulk(Document, documents)
        _bulk(Attendance, attendance)
        Meeting.objects.filter(pk__in=[m.pk for m in ds.meetings if m.no_declarations]).update(
            no_declarations=True
        )
        _bulk(
            Declaration,
            [
                Declaration(meeting=m, person=p, text="A family member works for a partner.")
                for m, p in declarations
            ],
        )

        # Validity: a sample of everything bulk-created passes the model's own checks.
        for objs in (
            [i for i, _ in rows["items"]],
            [d for _, d in rows["decisions"]],
            documents,
            attendance,
        ):
            for obj in rng.sample(objs, min(25, len(objs))):
                obj.full_clean()

        # A log-in for --member: a member of the main board sees the subgroups' withheld items.
        user = get_user_model().objects.create_user(
            username=MEMBER_USERNAME, password=None, first_name="Bench", last_name="Member"
        )
        person = Membership.objects.filter(board=ds.boards[0], role=Role.MEMBER).first().person
        person_link_user(person=person, user=user)
        ds.member_user = user
        if apps.is_installed("django_otp.plugins.otp_totp"):
            # Members prove a second factor each session (REQUIRE_2FA): give them a device.
            from django_otp.plugins.otp_totp.models import TOTPDevice

            ds.member_device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)

    ds.counts = {
        "boards": len(ds.boards),
        "people": len(people),
        "memberships": Membership.objects.count(),
        "meetings": len(ds.meetings),
        "agenda items": len(rows["items"]),
        "decisions": len(rows["decisions"]),
        "papers": len(documents),
        "attendance rows": len(attendance),
        "declarations": len(declarations),
    }
    return ds
