"""Where a ModernGov import reads from: a site's web service, or a folder of its saved answers.

Both give the raw bytes of `GetCommittees`, `GetMeetings` and `GetMeeting`, and of a linked
paper; `moderngov.py` reads them. A folder holds `GetCommittees.xml`,
`GetMeetings-<committee id>.xml`, `GetMeeting-<meeting id>.xml` and, for papers,
`attachment-<attachment id>.<pdf|docx|xlsx|odt>`.

Over HTTP every request has a timeout and a size limit, and papers are fetched from the site
being imported, whatever host their address names (ModernGov writes its own papers' addresses,
often as http:// on an https site), so an answer cannot send the import to another host.
"""

from __future__ import annotations

import datetime
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from . import moderngov
from .moderngov import ModernGovError

TIMEOUT_SECONDS = 30
USER_AGENT = "cspboard ModernGov import"
PAPER_EXTENSIONS = ("pdf", "docx", "xlsx", "odt")
# Before any council published its papers through ModernGov.
EARLIEST = datetime.date(1990, 1, 1)


class _SameSiteRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only within the site (http to https included), never to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).hostname != urlsplit(req.full_url).hostname:
            raise ModernGovError(f"The site sent the import to another host ({newurl}): refused.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SameSiteRedirects)


class Source:
    """What the import reads. `name` is recorded on each link."""

    name: str

    def committees(self) -> bytes:
        raise NotImplementedError

    def meetings(
        self, committee_id: str, date_from: datetime.date | None, date_to: datetime.date | None
    ) -> bytes:
        raise NotImplementedError

    def meeting(self, meeting_id: str) -> bytes:
        raise NotImplementedError

    def paper(self, url: str, attachment_id: str, limit: int) -> tuple[bytes, str]:
        """The paper's bytes and a file name to store it under (its extension matters)."""
        raise NotImplementedError


def _safe_id(value: str, what: str) -> str:
    if not value.isdigit():
        raise ModernGovError(f'The {what} id "{value}" is not a number.')
    return value


class FolderSource(Source):
    def __init__(self, folder: Path):
        self.folder = folder
        self.name = str(folder)

    def _read(self, filename: str, limit: int | None = None) -> bytes:
        limit = limit or moderngov.MAX_RESPONSE_BYTES
        path = self.folder / filename
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise ModernGovError(f"{filename}: not in the folder {self.folder}.") from None
        if size > limit:
            raise ModernGovError(
                f"{filename}: larger than the limit of {limit:,} bytes, too large to import."
            )
        return path.read_bytes()

    def committees(self) -> bytes:
        return self._read("GetCommittees.xml")

    def meetings(self, committee_id, date_from, date_to) -> bytes:
        return self._read(f"GetMeetings-{_safe_id(committee_id, 'committee')}.xml")

    def meeting(self, meeting_id: str) -> bytes:
        return self._read(f"GetMeeting-{_safe_id(meeting_id, 'meeting')}.xml")

    def paper(self, url: str, attachment_id: str, limit: int) -> tuple[bytes, str]:
        attachment_id = _safe_id(attachment_id, "attachment")
        for extension in PAPER_EXTENSIONS:
            filename = f"attachment-{attachment_id}.{extension}"
            if (self.folder / filename).exists():
                return self._read(filename, limit), filename
        raise ModernGovError(f"attachment-{attachment_id}: not saved in the folder.")


class HttpSource(Source):
    def __init__(self, base_url: str, *, timeout: float = TIMEOUT_SECONDS):
        parts = urlsplit(base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ModernGovError(f'"{base_url}" is not a web address (http:// or https://).')
        path = parts.path.rstrip("/")
        if path.lower().endswith("/mgwebservice.asmx"):
            path = path[: -len("/mgwebservice.asmx")]
        self.base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        self.name = self.base
        self.timeout = timeout

    def _get(self, url: str, what: str, limit: int | None = None) -> tuple[bytes, str]:
        limit = limit or moderngov.MAX_RESPONSE_BYTES
        # Only http(s): the base was checked in __init__ and papers are fetched from it.
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise ModernGovError(
                        f"{what}: the answer is larger than the limit of {limit:,} bytes."
                    )
                body = response.read(limit + 1)
                if len(body) > limit:
                    raise ModernGovError(
                        f"{what}: the answer is larger than the limit of {limit:,} bytes."
                    )
                return body, response.headers.get_filename() or ""
        except urllib.error.HTTPError as error:
            raise ModernGovError(f"{what}: the site answered {error.code} ({url}).") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ModernGovError(f"{what}: could not reach the site ({reason}).") from None

    def _service(self, operation: str, params: dict | None = None) -> bytes:
        url = f"{self.base}/mgWebService.asmx/{operation}"
        if params:
            url += "?" + urlencode(params)
        return self._get(url, operation)[0]

    def committees(self) -> bytes:
        return self._service("GetCommittees")

    def meetings(self, committee_id, date_from, date_to) -> bytes:
        # Both dates are always sent, as the public clients send them (a site may refuse an
        # empty one); without them, the whole history. The import filters by date too.
        date_from = date_from or EARLIEST
        date_to = date_to or datetime.date.today() + datetime.timedelta(days=2 * 366)
        return self._service(
            "GetMeetings",
            {
                "lCommitteeId": _safe_id(committee_id, "committee"),
                "sFromDate": date_from.strftime("%d/%m/%Y"),
                "sToDate": date_to.strftime("%d/%m/%Y"),
            },
        )

    def meeting(self, meeting_id: str) -> bytes:
        return self._service("GetMeeting", {"lMeetingId": _safe_id(meeting_id, "meeting")})

    def paper(self, url: str, attachment_id: str, limit: int) -> tuple[bytes, str]:
        """From this site, whatever host the address names."""
        parts = urlsplit(urljoin(self.base + "/", url))
        here = urlsplit(self.base)
        local = urlunsplit((here.scheme, here.netloc, parts.path, parts.query, ""))
        body, filename = self._get(local, f"paper {attachment_id}", limit)
        return body, filename or Path(parts.path).name


def source_for(value: str) -> Source:
    """A web address or a folder."""
    if value.startswith(("http://", "https://")):
        return HttpSource(value)
    folder = Path(value)
    if not folder.is_dir():
        raise ModernGovError(f'"{value}" is neither a web address nor a folder.')
    return FolderSource(folder.resolve())
