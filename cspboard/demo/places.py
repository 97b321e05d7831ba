"""The demo board's places of concern, loaded through the places services.

From `data/places.yaml`: the places the seed packs name (the women's safety survey's hotspots
that the councillors walked, the Environmental Visual Audit's three sites, the young people's
safety summit's unsafe areas, Wakering Road), each pinned at a police.uk "On or near ..." point
of the demo's January 2023 street crimes, and what was found at them, the restricted item's
partner intelligence withheld. A data folder without `places.yaml` loads no places.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from cspboard.boards.models import Board
from cspboard.people.models import Organisation
from cspboard.performance.models import Area, StreetCrime
from cspboard.places.services import finding_add, place_create


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def load_places(
    *, boards: dict[str, Board], orgs: dict[str, Organisation], data_dir: Path, counts: dict
) -> None:
    path = data_dir / "places.yaml"
    if not path.is_file():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    board = boards[data["board"]]
    area = Area.objects.filter(slug=data.get("area", "")).first()
    places = {}
    for row in data["places"]:
        places[row["slug"]] = place_create(
            board=board,
            name=row["name"],
            slug=row["slug"],
            kind=row["kind"],
            description=row.get("description", ""),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
            area=area,
        )
        counts["places"] = counts.get("places", 0) + 1
    for row in data["findings"]:
        text = " ".join(row["text"].split())
        if "crimes_on_or_near" in row:  # a figure from the police.uk crimes the demo holds
            month = _date(f"{row['month']}-01")
            count = StreetCrime.objects.filter(
                month=month, location=row["crimes_on_or_near"]
            ).count()
            if not count:
                continue  # the demo's crimes were not loaded: say nothing rather than 0
            text = text.format(count=count)
        for slug in row["places"]:
            finding_add(
                place=places[slug],
                source=row["source"],
                found_on=_date(row["found_on"]),
                text=text,
                reported_by_organisation=orgs.get(row["organisation"])
                if row.get("organisation")
                else None,
                reported_by=row.get("reported_by", ""),
                security_marking=row.get("marking", "UNRESTRICTED"),
                schedule_12a_paragraph=row.get("paragraph"),
            )
            counts["place findings"] = counts.get("place findings", 0) + 1
