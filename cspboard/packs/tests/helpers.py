import io
import re

from pypdf import PdfReader

REFERENCE = re.compile(r"\((Pages? (\d+)(?: - (\d+))?)\)")


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def first_page_with(texts: list[str], needle: str, start: int = 1) -> int:
    """The 1-based number of the first page from `start` on whose text holds `needle`."""
    for number, text in enumerate(texts[start - 1 :], start=start):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} is on no page")


def agenda_references(texts: list[str]) -> dict[str, tuple[int, int]]:
    """{item title: (first page, last page)} as the agenda prints them."""
    agenda = "\n".join(texts)  # papers never print "(Page n)"; the agenda may run on
    found = {}
    for line in agenda.splitlines():
        match = REFERENCE.search(line)
        if match:
            title = line[: match.start()].strip()
            title = re.sub(r"^\S+\s+", "", title)  # drop the item's number
            first = int(match.group(2))
            found[title] = (first, int(match.group(3) or first))
    return found
