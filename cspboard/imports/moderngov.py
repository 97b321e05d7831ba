"""Reading ModernGov's web service (`mgWebService.asmx`): the answers of `GetCommittees`,
`GetMeetings` and `GetMeeting`, as plain data for the import to write.

The source is untrusted: XML is parsed with defusedxml (no DTD, no entities, nothing fetched),
an answer larger than `MAX_RESPONSE_BYTES` is refused, and anything malformed raises
`ModernGovError` naming the answer and the element. Pure: no database, no network.

What ModernGov writes, as the public code that reads it does: dates as dd/mm/yyyy, times as
"10.00 am"; a status such as "Confirmed" or "Cancelled", sometimes with a note after a
semicolon; flags as "True"/"False"; item text and minutes as HTML escaped inside the XML, often
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


@dataclasses.dataclass(frozen=True)
class Committee:
    id: str
    title: str
    deleted: bool = False
    expired: bool = False


@dataclasses.dataclass(frozen=True)
class MeetingStub:
    """A meeting as `GetMeetings` lists it."""

    id: str
    date: datetime.date


@dataclasses.dataclass(frozen=True)
class Paper:
    """A linked document (`linkeddoc`)."""

    id: str
    title: str
    url: str
    restricted: bool
    paragraph: int | None


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
    id: str
    name: str
    role: str
    attendance: str

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

    def fingerprint(self) -> str:
        return digest(
            {
                "date": self.date.isoformat(),
                "time": self.time.isoformat(),
                "location": self.location,
                "cancelled": self.cancelled,
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


def unescaped_html(value: str) -> str:
    """HTML the XML carried escaped twice ("&amp;lt;p&amp;gt;"): unescaped once more (the XML
    parser did the first), then sanitised. Already plain HTML comes through unchanged, bar
    what sanitising removes."""
    if not value.strip():
        return ""
    if "<" not in value and re.search(r"&lt;|&#60;|&#x3c;", value, re.IGNORECASE):
        value = html.unescape(value)
    return sanitise_html(value)


_BLOCK_END = re.compile(r"</(p|li|h\d|tr|div)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    """Sanitised HTML as plain text, a line for each paragraph (an item's description)."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", value))
    lines = [" ".join(line.split()) for line in html.unescape(text).splitlines()]
    return "\n".join(line for line in lines if line)


_PARAGRAPH = re.compile(r"(?:para(?:graph)?s?\.?\s*)?(\d+)", re.IGNORECASE)


def schedule_12a_paragraph(value: str) -> int | None:
    """The Schedule 12A paragraph a `restrictionsRef` names: "3", "Paragraph 3", "para 3 of
    Part 1 of Schedule 12A"... The first number from 1 to 7; None if it names none."""
    for match in _PARAGRAPH.finditer(value or ""):
        number = int(match.group(1))
        if 1 <= number <= 7:
            return number
    return None


_PRESENTED_BY = re.compile(r"presented\s+by\s*:?\s*(?P<who>[^\n<]+)", re.IGNORECASE)


def presenter_in(*texts: str) -> str:
    """Who presents the item, from a "Presented By: ..." comment."""
    for text in texts:
        match = _PRESENTED_BY.search(html.unescape(text or ""))
        if match:
            return match["who"].strip().rstrip(".")[:200]
    return ""


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


def parse_meetings(data: bytes, name: str = "GetMeetings") -> list[MeetingStub]:
    root = parse_xml(data, name)
    stubs = []
    for m in _all(root, "meeting"):
        meeting_id = _required(m, "meetingid", name)
        where = f"{name}, meeting {meeting_id}"
        stubs.append(
            MeetingStub(id=meeting_id, date=parse_date(_required(m, "meetingdate", where), where))
        )
    return stubs


def _sub_number(item: Element, number: str) -> str:
    """The sub-item's letter or number ("a" of "4a", "1" of "4.1", "ii" of "4(ii)"), or ""."""
    explicit = _text(item, "agendaitemsubnumber")
    if explicit:
        return explicit.strip("().")
    display = _text(item, "fulldisplaynumberformat").rstrip(".")
    if number and display.startswith(number) and display != number:
        return display[len(number) :].strip(" .()")
    return ""


def _paper(doc: Element, where: str) -> Paper:
    attachment = _required(doc, "attachmentid", where)
    return Paper(
        id=attachment,
        title=(_text(doc, "title") or f"Paper {attachment}")[:TITLE_LENGTH],
        url=_text(doc, "url"),
        restricted=_flag(doc, "isrestricted"),
        paragraph=schedule_12a_paragraph(_text(doc, "restrictionsref")),
    )


def _items(root: Element, where: str) -> tuple[Item, ...]:
    items: list[Item] = []
    last_top: dict[str, str] = {}
    container = _child(root, "agendaitems")
    elements = _children(container, "agendaitem") if container is not None else []
    for index, element in enumerate(elements):
        item_id = _text(element, "agendaitemid") or f"position-{index + 1}"
        here = f"{where}, agenda item {item_id}"
        number = _text(element, "agendaitemnumber")
        sub_number = _sub_number(element, number)
        text = unescaped_html(_text(element, "agendatext"))
        parent_id = last_top.get(number) if sub_number else None
        if sub_number and parent_id is None:
            raise ModernGovError(f"{here}: sub-item {sub_number} has no item {number} above it.")
        restricted = _flag(element, "isrestricted")
        paragraph = schedule_12a_paragraph(_text(element, "restrictionsref"))
        if restricted and paragraph is None:
            raise ModernGovError(
                f"{here}: the item is restricted but names no Schedule 12A paragraph "
                "(restrictionsRef), so it cannot be withheld: nothing was imported."
            )
        papers_element = _child(element, "linkeddocuments")
        items.append(
            Item(
                id=item_id,
                number=number,
                sub_number=sub_number,
                title=(_required(element, "agendaitemtitle", here))[:TITLE_LENGTH],
                text=html_to_text(text),
                minutes=unescaped_html(_text(element, "minutesnonemptyhtmlbody")),
                presenter=presenter_in(_text(element, "agendaitemcomments"), text),
                restricted=restricted,
                paragraph=paragraph,
                parent_id=parent_id,
                papers=tuple(_paper(doc, here) for doc in _children(papers_element, "linkeddoc"))
                if papers_element is not None
                else (),
            )
        )
        if not sub_number:
            last_top[number] = item_id
    return tuple(items)


def _attendees(root: Element) -> tuple[Attendee, ...]:
    found = []
    for a in _all(root, "attendee"):
        # Attributes in the answers public clients read; elements accepted too.
        def value(key: str, a=a) -> str:
            return (a.get(key) or _text(a, key)).strip()

        name = value("name")
        if name:
            found.append(
                Attendee(
                    id=value("memberid"),
                    name=name[:NAME_LENGTH],
                    role=value("roledescription"),
                    attendance=value("attendance"),
                )
            )
    return tuple(found)


def parse_meeting(data: bytes, name: str = "GetMeeting") -> RemoteMeeting:
    root = parse_xml(data, name)
    meeting = root if _local(root.tag) == "meeting" else _child(root, "meeting")
    if meeting is None:
        raise ModernGovError(f"{name}: no <meeting> in the answer.")
    meeting_id = _required(meeting, "meetingid", name)
    where = f"{name}, meeting {meeting_id}"
    status = _text(meeting, "meetingstatus")
    return RemoteMeeting(
        id=meeting_id,
        committee_id=_text(meeting, "committeeid"),
        date=parse_date(_required(meeting, "meetingdate", where), where),
        time=parse_time(_required(meeting, "meetingtime", where), where),
        location=" ".join(_text(meeting, "meetinglocation").split())[:300],
        status=status,
        cancelled=status.split(";")[0].strip().lower() == "cancelled",
        items=_items(meeting, where),
        attendees=_attendees(meeting),
    )
