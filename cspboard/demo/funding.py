"""The demo board's funded services, loaded through the funding services from
`data/funding.yaml`: the London Crime Prevention Fund and its Community and Voluntary Sector
grant round of 2023/24 (restricted, as the seeds' "RESTRICTED: 2023/24 LCPF CVS Funding and
Specification" item was), the detached outreach co-commissioned from Box-Up, and the LCPF
allocation of 2017/18 to keeping children and young people safe. Only what the seeds say: no
measures, targets or returns. A data folder without `funding.yaml` loads none.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import yaml

from cspboard.boards.models import Board
from cspboard.funding.services import award_amount_set, award_create, funding_stream_create
from cspboard.people.models import Organisation, Person
from cspboard.people.services import organisation_create


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def load_funding(
    *,
    boards: dict[str, Board],
    people: dict[str, Person],
    data_dir: Path,
    counts: dict[str, int],
) -> None:
    path = data_dir / "funding.yaml"
    if not path.exists():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    streams = {}
    for row in data.get("streams", []) or []:
        streams[row["key"]] = funding_stream_create(
            board=boards[row["board"]],
            name=row["name"],
            short_name=row.get("short_name", "") or "",
            funder=row.get("funder", "") or "",
            kind=row.get("kind", "core_fund"),
            description=" ".join(str(row.get("description", "") or "").split()),
        )
    counts["funding streams"] = len(streams)
    counts["funding awards"] = 0
    for row in data.get("awards", []) or []:
        provider = None
        if row.get("provider"):
            provider = Organisation.objects.filter(name=row["provider"]).first()
            provider = provider or organisation_create(name=row["provider"])
        lead = row.get("commissioning_lead")
        award = award_create(
            stream=streams[row["stream"]],
            provider=provider,
            service_name=row["service_name"],
            description=" ".join(str(row.get("description", "") or "").split()),
            commissioning_lead=people[lead] if lead else None,
            commissioning_lead_text=row.get("commissioning_lead_text", "") or "",
            starts_on=_date(row.get("starts_on")),
            ends_on=_date(row.get("ends_on")),
            status=row.get("status", "proposed"),
            security_marking=row.get("security_marking", "UNRESTRICTED"),
            schedule_12a_paragraph=row.get("schedule_12a_paragraph"),
        )
        for year, amount in (row.get("amounts") or {}).items():
            award_amount_set(award=award, financial_year=int(year), amount=Decimal(str(amount)))
        counts["funding awards"] += 1
