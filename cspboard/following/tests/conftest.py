import pytest

from cspboard.actions.services import action_create

# Publishing an agenda fixes its packs: the packs' test settings, and their published agenda.
from cspboard.packs.tests.fixtures import _packs_settings as _packs_settings
from cspboard.packs.tests.fixtures import published as published

# Words planted where only the board's members may read them: a withheld item's minutes and
# its sub-item, a restricted paper and its text, a restricted action, the declaration. None may
# reach a feed, the sitemap or an alert, whoever asks.
SECRETS = [
    "SECRET-MINUTES",
    "SECRET-DECISION",
    "SECRET-SUB-MINUTES",
    "SECRET-DECLARATION",
    "SECRET-DOC-TEXT",
    "SECRET-ACTION",
    "CDSA cover report",
    "Sub annex",
    "Sub-paper",
    "Hotspot annex",
    "CASE-SECRET",
    "Case file",
    "UNPUBLISHED-ITEM",
]


@pytest.fixture
def planted(scenario):
    """The scenario with a restricted action under the withheld item."""
    action_create(
        board=scenario.board,
        text="SECRET-ACTION: visit the named address",
        meeting=scenario.meeting,
        item=scenario.restricted_item,
    )
    return scenario
