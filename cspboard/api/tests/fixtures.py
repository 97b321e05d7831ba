"""What the API's tests add to the project's scenario (cspboard/conftest.py): actions from
published minutes, one raised under the withheld item, and an indicator with figures, published
commentary and a draft."""

from __future__ import annotations

import datetime

from cspboard.actions.services import action_create
from cspboard.performance.services import commentary_set, report_commentary_publish
from cspboard.performance.tests.factories_web import REPORT_MONTH, burglary

SECRET_ACTION = "SECRET-ACTION-TEXT"
PUBLIC_ACTION = "PUBLIC-ACTION-TEXT"
DRAFT_COMMENTARY = "DRAFT-COMMENTARY"
PUBLISHED_COMMENTARY = "PUBLISHED-COMMENTARY"


def add_open_record(scenario):
    s = scenario
    s.public_action = action_create(
        board=s.board, text=PUBLIC_ACTION, item=s.public_item, owners=[s.chair]
    )
    s.secret_action = action_create(
        board=s.board,
        text=SECRET_ACTION,
        item=s.restricted_item,
        target_date=datetime.date(2018, 6, 1),
    )
    s.draft_action = action_create(
        board=s.board, text="DRAFT-ACTION-TEXT", meeting=s.draft, raised_on=s.draft.date
    )
    s.indicator = burglary(s.board)
    commentary_set(indicator=s.indicator, month=REPORT_MONTH, text=PUBLISHED_COMMENTARY)
    report_commentary_publish(board=s.board, month=REPORT_MONTH)
    commentary_set(indicator=s.indicator, month=REPORT_MONTH, text=DRAFT_COMMENTARY)
    return s
