"""Reading ModernGov's web service (`mgWebService.asmx`): the answers of `GetCommittees`,
`GetMeetings` and `GetMeeting`, as plain data for the import to write.

The source is untrusted: XML is parsed with defusedxml (no DTD, no entities, nothing fetched),
an answer larger than `MAX_RESPONSE_BYTES` is refused, and an answer that is not well-formed
raises `ModernGovError` naming it: the import stops before writing anything. A well-formed
`GetMeeting` that cannot be used as it stands (no date, no time, a restricted item naming no
paragraph) raises `UnusableMeeting`, and the import leaves out that meeting alone, saying why.
Pure: no database, no network.

What ModernGov writes, as saved answers show (tests/moderngov/manchester): dates as dd/mm/yyyy,
times as "10.00 am"; a status such as "Confirmed" or "Cancelled", sometimes with a note after a
semicolon; flags as "True"/"False"; `agendaitemnumber` as the item's place in ModernGov's own
order and `fulldisplaynumberformat` as the agenda prints it ("1."); "Presented By" as a pair of
`commentlabelN`/`commenttextN`; item text and minutes as HTML escaped inside the XML, sometimes
escaped twice, which is unescaped once more here and then sanitised.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import html
import json
import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from cspboard.core.sanitise import sanitise_html

# A GetMeeting answer for a full council budget meeting is about 350 KB; ten times that for
# one board's meeting means something is wrong.
MAX_RESPONSE_BYTES = 5 * 1024 * 1024

TITLE_LENGTH = 300  # AgendaItem.title, Document.title
NAME_LENGTH = 200  # Attendance.name


class ModernGovError(Exception):
    """An answer that cannot be read. Nothing is written for it."""


class UnusableMeeting(ModernGovError):
    """A well-formed `GetMeeting` answer that cannot be imported as it stands: only that
    meeting is left out."""


@dataclasses.dataclass(frozen=True)
class Committee:
    id: str
    title: str
    deleted: bool = False
    expired: bool = False


@dataclasses.dataclass(frozen=True)
class MeetingStub:
    """A meeting as `GetMeetings` lists it; `time` as written (the meeting's own answer may
    leave it out)."""

    id: str
    date: datetime.date
    time: str = ""


@dataclasses.dataclass(frozen=True)
class Paper:
    """A linked document (`linkeddoc`)."""

    id: str
    title: str
    url: str
    restricted: bool
    paragraph: int | None
    published: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class Item:
    """An agenda item. `parent_id` is the remote id of the item a sub-item belongs to."""

    id: str
    number: str
    sub_number: str
    title: str
    text: str
    minutes: str
    presenter: str
    restricted: bool
    paragraph: int | None
    parent_id: str | None
    papers: tuple[Paper, ...]

    @property
    def display_number(self) -> str:
        """The number as the record writes it: "4" for an item, "(a)" for a sub-item."""
        return f"({self.sub_number})" if self.sub_number else self.number

    def fingerprint(self) -> str:
        return digest({**dataclasses.asdict(self), "papers": None})


@dataclasses.dataclass(frozen=True)
class Attendee:
    """Someone the meeting lists: `role` is ModernGov's `roledescription` ("Chair", "Committee
    Member"), `organisation` the body they represent, where the answer names one."""

    id: str
    name: str
    role: str
    attendance: str
    organisation: str = ""

    @property
    def key(self) -> str:
        return self.id or self.name.casefold()

    def fingerprint(self) -> str:
        return digest(dataclasses.asdict(self))


@dataclasses.dataclass(frozen=True)
class RemoteMeeting:
    """A meeting as `GetMeeting` gives it."""

    id: str
    committee_id: str
    date: datetime.date
    time: datetime.time
    location: str
    status: str
    cancelled: bool
    items: tuple[Item, ...]
    attendees: tuple[Attendee, ...]
    agenda_published: bool = False
    minutes_published: bool = False
    unknown_status: bool = False
    left_out: tuple[str, ...] = ()  # what of the answer was not imported, and why

    @property
    def agenda_published_on(self) -> datetime.date | None:
        """When the agenda came out: the earliest publication date of its papers up to the
        meeting's day (papers published after it, such as the minutes, do not count)."""
        if not self.agenda_published:
            return None
        dates = [
            paper.published
            for item in self.items
            for paper in item.papers
            if paper.published and paper.published <= self.date
        ]
        return min(dates, default=None)

    def fingerprint(self) -> str:
        return digest(
            {
                "date": self.date.isoformat(),
                "time": self.time.isoformat(),
                "location": self.location,
                "status": self.status,
                "cancelled": self.cancelled,
                "agenda_published": self.agenda_published,
                "agenda_published_on": self.agenda_published_on,
                "minutes_published": self.minutes_published,
            }
        )


def digest(value) -> str:
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()


# Reading the XML -----------------------------------------------------------------------------


def _local(tag) -> str:
    """The element's name without a namespace, lower case (ModernGov writes `restrictionsRef`
    in one place and lower case everywhere else)."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_xml(data: bytes, name: str) -> Element:
    """The answer's root element; `name` says which answer, in any error."""
    if len(data) > MAX_RESPONSE_BYTES:
        raise ModernGovError(
            f"{name}: the answer is larger than the limit of {MAX_RESPONSE_BYTES:,} bytes, "
            "too large to be one committee's meetings."
        )
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ModernGovError(f"{name}: refused, the XML declares {error}.") from None
    except ParseError as error:
        raise ModernGovError(f"{name}: not well-formed XML ({error}).") from None


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element, name: str) -> Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: Element, name: str) -> str:
    child = _child(element, name)
    return (child.text or "").strip() if child is not None else ""


def _required(element: Element, name: str, where: str) -> str:
    value = _text(element, name)
    if not value:
        raise ModernGovError(f"{where}: <{_local(element.tag)}> has no <{name}>.")
    return value


def _flag(element: Element, name: str) -> bool:
    return _text(element, name).lower() in ("true", "1", "yes")


def _all(element: Element, name: str) -> list[Element]:
    """Every descendant called `name` (ModernGov wraps lists differently in each answer)."""
    return [e for e in element.iter() if _local(e.tag) == name]


def parse_date(value: str, where: str) -> datetime.date:
    """dd/mm/yyyy, as ModernGov writes every date."""
    try:
        return datetime.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise ModernGovError(f'{where}: "{value}" is not a date written dd/mm/yyyy.') from None


_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?P<half>am|a\.m\.|pm|p\.m\.|noon)?$",
    re.IGNORECASE,
)


def parse_time(value: str, where: str) -> datetime.time:
    """'10.00 am', '2.30 pm', '12.00 noon', '14:00', '6 pm'."""
    match = _TIME.match(value.strip())
    if not match:
        raise ModernGovError(f'{where}: "{value}" is not a time such as "10.00 am".')
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or "").lower().replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or (half and not 1 <= int(match["hour"]) <= 12):
        raise ModernGovError(f'{where}: "{value}" is not a time of day.')
    return datetime.time(hour, minute)


# "<" escaped, once or more: "&lt;", "&amp;lt;", "&#60;"...
_ESCAPED_TAG = re.compile(r"&(?:amp;)*(?:lt;|#0*60;|#x0*3c;)", re.IGNORECASE)
# However deep an answer nests its escaping, a few rounds uncover the markup; what is left
# escaped after them stays text, which is safe to show.
UNESCAPE_ROUNDS = 3


def unescaped_html(value: str) -> str:
    """HTML the XML carried escaped ("&amp;lt;p&amp;gt;", or deeper): unescaped while it holds
    no markup but escaped markup (the XML parser did the first round), then sanitised, so
    script, styles, event handlers and javascript: links go whatever the escaping hid. Plain
    HTML comes through unchanged, bar what sanitising removes."""
    if not value.strip():
        return ""
    for _ in range(UNESCAPE_ROUNDS):
        if "<" in value or not _ESCAPED_TAG.search(value):
            break
        value = html.unescape(value)
    return sanitise_html(value)


_BLOCK_END = re.compile(r"</(p|li|h\d|tr|div)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    """Sanitised HTML as plain text, a line for each paragraph (an item's description)."""
    # A line break in the source is a space in HTML; paragraphs end lines.
    text = _TAG.sub("", _BLOCK_END.sub("\n", " ".join(value.split())))
    lines = [" ".join(line.split()) for line in html.unescape(text).splitlines()]
    return "\n".join(line for line in lines if line)


_NAMED_PARAGRAPH = re.compile(r"\bpara(?:graph)?s?\.?\s*(\d+)", re.IGNORECASE)
# Numbers in a reference that are not the paragraph: "Part 1", "Schedule 12A", "section 100A".
_OTHER_NUMBER = re.compile(r"\b(?:part|schedule|section|s\.?)\s*\d+[a-z]?", re.IGNORECASE)


def schedule_12a_paragraph(value: str) -> int | None:
    """The Schedule 12A paragraph a `restrictionsRef` names: "3", "Paragraph 3", "para 3 of
    Part 1 of Schedule 12A", "Part 1 of Schedule 12A, paragraph 3"... A number from 1 to 7
    that follows "para", else the first one that is not a part's, schedule's or section's;
    None if it names none."""
    value = value or ""
    for match in _NAMED_PARAGRAPH.finditer(value):
        if 1 <= int(match.group(1)) <= 7:
            return int(match.group(1))
    for match in re.finditer(r"\d+", _OTHER_NUMBER.sub(" ", value)):
        if 1 <= int(match.group(0)) <= 7:
            return int(match.group(0))
    return None


_PRESENTED_BY = re.compile(r"presented\s+by\s*:?\s*(?P<who>[^\n<]+)", re.IGNORECASE)
# The labels ModernGov sites give the comment that names who presents an item.
_PRESENTER_LABEL = re.compile(r"present|lead\s+(officer|member)|introduced", re.IGNORECASE)


def presenter_in(*texts: str) -> str:
    """Who presents the item, from a "Presented By: ..." line."""
    for text in texts:
        match = _PRESENTED_BY.search(html.unescape(text or ""))
        if match:
            return match["who"].strip().rstrip(".")[:200]
    return ""


def _presenter(item: Element, text: str) -> str:
    """The "Presented By" comment (`commentlabelN` naming it, `commenttextN` saying who), else
    a "Presented By:" line in the comments or the item's text."""
    for label in _children_like(item, "commentlabel"):
        if _PRESENTER_LABEL.search(label.text or ""):
            number = _local(label.tag)[len("commentlabel") :]
            who = html_to_text(unescaped_html(_text(item, f"commenttext{number}")))
            if who:
                return " ".join(who.split())[:200]
    return presenter_in(_text(item, "agendaitemcomments"), text)


def _children_like(element: Element, prefix: str) -> list[Element]:
    return [child for child in element if _local(child.tag).startswith(prefix)]


# Statuses under which the meeting did not take place on its day. ModernGov lists a meeting
# moved to another day as a new meeting, keeping the old one as "Rescheduled" or "Postponed".
NOT_HELD = ("cancelled", "canceled", "postponed", "rescheduled", "abandoned", "withdrawn")
# Statuses of a meeting that takes place (or did), as ModernGov sites write them.
HELD_OR_PLANNED = ("", "confirmed", "provisional", "draft", "scheduled", "moved", "reconvened")


def status_word(status: str) -> str:
    """The status without the note ModernGov may add after a semicolon, in lower case."""
    return status.split(";")[0].strip().lower()


def _published(value: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


# The three answers ---------------------------------------------------------------------------


def parse_committees(data: bytes, name: str = "GetCommittees") -> list[Committee]:
    root = parse_xml(data, name)
    return [
        Committee(
            id=_required(c, "committeeid", name),
            title=_text(c, "committeetitle"),
            deleted=_flag(c, "committeedeleted"),
            expired=_flag(c, "committeeexpired"),
        )
        for c in _all(root, "committee")
    ]


def parse_meetings(data: bytes, name: str = "GetMeetings") -> tuple[list[MeetingStub], list[str]]:
    """The meetings listed, and what was wrong with any left out (no id, a date that is not
    one): one bad entry does not stop the rest."""
    root = parse_xml(data, name)
    stubs, problems = [], []
    for m in _all(root, "meeting"):
        meeting_id = _text(m, "meetingid")
        if not meeting_id:
            problems.append(f"{name}: a meeting with no <meetingid> was left out.")
            continue
        where = f"{name}, meeting {meeting_id}"
        try:
            date = parse_date(_text(m, "meetingdate"), where)
        except ModernGovError as error:
            problems.append(f"{error} The meeting was left out.")
            continue
        stubs.append(MeetingStub(id=meeting_id, date=date, time=_text(m, "meetingtime")))
    return stubs, problems


# "5a", "5 (a)", "5.a", "5(ii)": an item's sub-item by letter or roman number; "5.1", "5(1)": by
# number (a separator is needed, or "10" would be item 1, sub-item 0).
_SUB_LETTER = re.compile(
    r"^(?P<number>\d+)\s*\.?\s*\(?(?P<sub>[a-z]|[ivx]{1,5})\)?$", re.IGNORECASE
)
_SUB_NUMBER = re.compile(r"^(?P<number>\d+)\s*(?:\.|\()\s*(?P<sub>\d{1,3})\)?$")


def _numbers(item: Element) -> tuple[str, str]:
    """The item's number as the agenda prints it and its sub-number ("5", "a"), or ("5a", "")
    when the number is not one of a sub-item. `fulldisplaynumberformat` is what the agenda
    prints; `agendaitemnumber` is only ModernGov's own order, used when nothing else is given."""
    display = " ".join(_text(item, "fulldisplaynumberformat").split()).rstrip(".").strip()
    sub = _text(item, "agendaitemsubnumber").strip(" .()")
    if not display:
        display = _text(item, "agendaitemnumber")
    for pattern in (_SUB_LETTER, _SUB_NUMBER):
        match = pattern.match(display)
        if match:
            return match["number"], match["sub"]
    if sub and display and not display.endswith(sub):
        return display, sub
    return display, ""


def _paper(doc: Element, where: str) -> Paper:
    attachment = _required(doc, "attachmentid", where)
    return Paper(
        id=attachment,
        title=(_text(doc, "title") or f"Paper {attachment}")[:TITLE_LENGTH],
        url=_text(doc, "url"),
        restricted=_flag(doc, "isrestricted"),
        paragraph=schedule_12a_paragraph(_text(doc, "restrictionsref")),
        published=_published(_text(doc, "publicationdate")),
    )


def _items(root: Element, where: str) -> tuple[tuple[Item, ...], tuple[str, ...]]:
    """The agenda's items, and what was left out: a restricted item naming no Schedule 12A
    paragraph (on itself or on a restricted paper of its own) cannot be withheld under one,
    so it is left out, with its sub-items and papers, rather than shown."""
    items: list[Item] = []
    left_out: list[str] = []
    withheld_ids: set[str] = set()
    last_top: dict[str, str] = {}
    seen: set[str] = set()
    container = _child(root, "agendaitems")
    elements = _children(container, "agendaitem") if container is not None else []
    for index, element in enumerate(elements):
        item_id = _text(element, "agendaitemid") or f"position-{index + 1}"
        if item_id in seen:
            raise ModernGovError(f"{where}: agenda item {item_id} is listed twice.")
        seen.add(item_id)
        here = f"{where}, agenda item {item_id}"
        number, sub_number = _numbers(element)
        parent_id = last_top.get(number) if sub_number else None
        if sub_number and parent_id is None:
            # A sub-item whose item is not on the agenda: kept as a numbered item of its own.
            number, sub_number = f"{number}{sub_number}", ""
        if not sub_number:
            last_top[number] = item_id
        title = _required(element, "agendaitemtitle", here)[:TITLE_LENGTH]
        papers_element = _child(element, "linkeddocuments")
        papers = (
            tuple(_paper(doc, here) for doc in _children(papers_element, "linkeddoc"))
            if papers_element is not None
            else ()
        )
        restricted = _flag(element, "isrestricted")
        paragraph = schedule_12a_paragraph(_text(element, "restrictionsref"))
        if restricted and paragraph is None:
            paragraph = next((p.paragraph for p in papers if p.restricted and p.paragraph), None)
        if parent_id in withheld_ids:
            withheld_ids.add(item_id)
            continue
        if restricted and paragraph is None:
            withheld_ids.add(item_id)
            left_out.append(
                f'{where}: item {number}{sub_number} "{title}" is restricted but names no '
                "Schedule 12A paragraph to withhold it under: left out, with its sub-items "
                "and papers; add it by hand."
            )
            continue
        text = unescaped_html(_text(element, "agendatext"))
        items.append(
            Item(
                id=item_id,
                number=number[:20] or str(index + 1),
                sub_number=sub_number,
                title=title,
                text=html_to_text(text),
                minutes=unescaped_html(_text(element, "minutesnonemptyhtmlbody")),
                presenter=_presenter(element, text),
                restricted=restricted,
                paragraph=paragraph,
                parent_id=parent_id,
                papers=papers,
            )
        )
    return tuple(items), tuple(left_out)


def _attendees(root: Element) -> tuple[Attendee, ...]:
    found = []
    for a in _all(root, "attendee"):
        # Attributes in the saved answers; elements accepted too.
        def value(*keys: str, a=a) -> str:
            for key in keys:
                given = (a.get(key) or _text(a, key)).strip()
                if given:
                    return " ".join(given.split())
            return ""

        name = value("name")
        if name:
            found.append(
                Attendee(
                    id=value("memberid"),
                    name=name[:NAME_LENGTH],
                    role=value("roledescription")[:NAME_LENGTH],
                    attendance=value("attendance"),
                    organisation=value("representing", "organisation", "organization")[
                        :NAME_LENGTH
                    ],
                )
            )
    return tuple(found)


def _time(meeting: Element, fallback: str, where: str) -> datetime.time:
    """The start time: as planned, or as the meeting's listing gave it, or as it began."""
    for written in (
        _text(meeting, "meetingtime"),
        fallback,
        _text(meeting, "meetingactualstarttime"),
    ):
        try:
            return parse_time(written, where)
        except ModernGovError:
            continue
    given = _text(meeting, "meetingtime") or fallback
    raise ModernGovError(
        f'{where}: the meeting has no start time ("{given}"), and the record needs one: '
        "add the meeting by hand, or import it again once the site gives its time."
        if given
        else f"{where}: the meeting has no start time, and the record needs one: add the "
        "meeting by hand, or import it again once the site gives its time."
    )


def parse_meeting(data: bytes, name: str = "GetMeeting", *, time: str = "") -> RemoteMeeting:
    """The meeting in a `GetMeeting` answer (or a SOAP envelope holding one). `time` is the
    start time its listing gave, used if the meeting's own answer has none."""
    root = parse_xml(data, name)
    meeting = root if _local(root.tag) == "meeting" else next(iter(_all(root, "meeting")), None)
    if meeting is None:
        raise UnusableMeeting(f"{name}: no <meeting> in the answer.")
    try:
        return _meeting(meeting, name, time)
    except UnusableMeeting:
        raise
    except ModernGovError as error:
        raise UnusableMeeting(str(error)) from None


def _meeting(meeting: Element, name: str, time: str) -> RemoteMeeting:
    meeting_id = _required(meeting, "meetingid", name)
    where = f"{name}, meeting {meeting_id}"
    status = " ".join(_text(meeting, "meetingstatus").split())[:300]
    word = status_word(status)
    items, left_out = _items(meeting, where)
    return RemoteMeeting(
        id=meeting_id,
        committee_id=_text(meeting, "committeeid"),
        date=parse_date(_required(meeting, "meetingdate", where), where),
        time=_time(meeting, time, where),
        location=" ".join(_text(meeting, "meetinglocation").split())[:300],
        status=status,
        cancelled=word.startswith(NOT_HELD),
        items=items,
        left_out=left_out,
        attendees=_attendees(meeting),
        agenda_published=_flag(meeting, "agendapublished"),
        minutes_published=_flag(meeting, "minutepublished") or _flag(meeting, "minutespublished"),
        unknown_status=not word.startswith(NOT_HELD) and word not in HELD_OR_PLANNED,
    )
