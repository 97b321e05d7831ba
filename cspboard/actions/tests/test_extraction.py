"""The forms in which minutes set out actions, one test each, and what is not an action."""

import datetime

import pytest

from cspboard.actions.extraction import (
    KIND_LOGGED,
    KIND_NEW,
    KIND_UPDATE,
    extract_actions,
)
from cspboard.actions.owner_phrases import owners_in


def one(text, **kwargs):
    actions = extract_actions(text, **kwargs)
    assert len(actions) == 1, actions
    return actions[0]


# -- labelled lines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "ACTION: JH to update the action log",
        "ACTION – JH to update the action log",
        "ACTION - JH to update the action log",
        "ACTION — JH to update the action log",
        "ACTION JH to update the action log",
        "Action: JH to update the action log",
        "action: JH to update the action log",
        "**ACTION** – JH to update the action log",
        "**ACTION:** JH to update the action log",
        "- ACTION: JH to update the action log",
        "• ACTION – JH to update the action log",
        "  ACTION:   JH   to update the   action log  ",
    ],
)
def test_every_form_of_the_label_gives_the_same_action(line):
    action = one(line)
    assert action.text == "JH to update the action log"
    assert action.owners_written == ("JH",)
    assert action.kind == KIND_NEW
    assert action.source_line


def test_label_in_html_paragraph_and_bold():
    html = "<p><strong>ACTION</strong> – Steven Calder to meet with Angie Fuller.</p>"
    action = one(html)
    assert action.text == "Steven Calder to meet with Angie Fuller."
    assert action.owners_written == ("Steven Calder",)


def test_list_items_in_html():
    html = (
        "<p>Outstanding actions:</p><ul>"
        "<li>ACTION – All CSP members need to sign the ISA (Outstanding)</li>"
        "<li><strong>ACTION</strong> – Steven Calder to meet with Angie Fuller. "
        "<strong>(CLOSED)</strong></li></ul>"
    )
    first, second = extract_actions(html)
    assert first.text == "All CSP members need to sign the ISA"
    assert first.owners_written == ("All CSP members",)
    assert first.status_text == "Outstanding"
    assert second.text == "Steven Calder to meet with Angie Fuller."
    assert second.status_text == "CLOSED"


def test_action_inside_a_paragraph_run():
    html = (
        "<p>Q: Is there a dedicated number for burglary? ACTION – NM to pass this number to "
        "Chair to circulate.</p> <p>A: NM – advice is to call 999.</p>"
    )
    action = one(html)
    assert action.text == "NM to pass this number to Chair to circulate."
    assert action.owners_written == ("NM",)


def test_two_actions_in_one_paragraph():
    actions = extract_actions("ACTION: JH to send the notes. ACTION: JT to book the room.")
    assert [a.text for a in actions] == ["JH to send the notes.", "JT to book the room."]
    assert [a.owners_written for a in actions] == [("JH",), ("JT",)]


def test_several_owners():
    assert one("ACTION: JT and TB to compile an operation plan").owners_written == ("JT", "TB")
    assert one("ACTION: Refuge/Hazel North-Stephens to report back").owners_written == (
        "Refuge",
        "Hazel North-Stephens",
    )
    assert one("ACTION: Dan James, Jonathon Toy and Jade Hodgson to bring it").owners_written == (
        "Dan James",
        "Jonathon Toy",
        "Jade Hodgson",
    )


def test_owner_after_agreed_that():
    action = one("ACTION: Agreed that the police would meet with voluntary groups.")
    assert action.owners_written == ("the police",)


def test_owner_in_a_later_sentence():
    action = one(
        "ACTION: Agreed that RAMFEL will be removed and replaced by the CAB. Jade Hodgson to "
        "invite elected member."
    )
    assert action.owners_written == ("Jade Hodgson",)


@pytest.mark.parametrize(
    "line",
    [
        "ACTION: Review and transform the CDSA report into an easy read document to distribute.",
        "ACTION: Take out reference to groups in the orders.",
        "ACTION: Defer FLAG presentation to March CSP Board",
        "ACTION: Roadmap around roles and responsibilities to be presented to March CSP Board.",
        "ACTION: Assessment to be compiled into PowerPoint for each subgroup.",
    ],
)
def test_instructions_and_passives_name_no_owner(line):
    assert one(line).owners_written == ()


@pytest.mark.parametrize(
    ("subject", "owners"),
    [
        ("Cabinet member, Cllr Laila Butt to take this to CSP.", ("Cllr Laila Butt",)),
        ("Councillor Worby to speak with the chair.", ("Councillor Worby",)),
        ("All CSP members need to sign the ISA.", ("All CSP members",)),
        ("The collective to provide an update.", ("The collective",)),
        ("YOS management board to compile a plan.", ("YOS management board",)),
        ("Jonathon Toy (JT) to meet the organiser.", ("Jonathon Toy",)),
        ("Angela d'Urso to circulate the toolkit.", ("Angela d'Urso",)),
        ("Matthew Cole will chair these meetings.", ("Matthew Cole",)),
        ("The board discussed the plan and agreed it.", ()),
    ],
)
def test_owners_in(subject, owners):
    assert owners_in(subject) == owners


def test_cut_off_line_ends_with_an_ellipsis():
    action = one(
        "ACTION: Paul Trevers to look into what local data MPS have that could  ...  view the "
        "full minutes text for item 5."
    )
    assert action.text == "Paul Trevers to look into what local data MPS have that could …"


# -- updates to the log, by number -------------------------------------------------------------


def test_numbered_lines_are_updates_to_the_log():
    html = (
        "<p>Action 1 Jonathon Toy (JT) agreed to be finished by the end of February 2018.</p>"
        "<p>Action 2 No completion date discussed.</p>"
        "<p>Actions 3, 4, and 6 can be removed as these are duplicated actions.</p>"
        "<p>Actions 7,8,10 and 17 to be closed.</p>"
    )
    actions = extract_actions(html)
    assert [a.kind for a in actions] == [KIND_UPDATE] * 4
    assert [a.numbers for a in actions] == [(1,), (2,), (3, 4, 6), (7, 8, 10, 17)]
    assert [a.number for a in actions] == [1, 2, 3, 7]
    assert actions[0].text == (
        "Action 1 Jonathon Toy (JT) agreed to be finished by the end of February 2018."
    )
    assert actions[0].owners_written == ()  # the action updated has its owner already
    assert actions[0].due == datetime.date(2018, 2, 28)


def test_numbered_action_with_a_label_is_new():
    action = one("ACTION 3: JH to circulate the terms of reference.")
    assert action.kind == KIND_NEW
    assert action.numbers == (3,)
    assert action.owners_written == ("JH",)


# -- tables ------------------------------------------------------------------------------------


def test_action_column_of_an_html_table():
    html = (
        "<table><tr><th>Minutes</th><th>Action</th></tr>"
        "<tr><td><p>The board discussed the plan.</p></td><td><p>JH to circulate the plan.</p>"
        "<p>Members to comment by 30 June 2024.</p></td></tr>"
        "<tr><td>Apologies were noted.</td><td>None</td></tr>"
        "<tr><td>Review of the strategy.</td><td>Circulate the strategy to partners</td></tr>"
        "</table>"
    )
    actions = extract_actions(html)
    assert [a.text for a in actions] == [
        "JH to circulate the plan.",
        "Members to comment by 30 June 2024.",
        "Circulate the strategy to partners",
    ]
    assert actions[1].due == datetime.date(2024, 6, 30)
    assert actions[2].owners_written == ()


def test_owner_and_due_columns():
    html = (
        "<table><tr><th>Item</th><th>Action</th><th>Owner</th><th>Due</th></tr>"
        "<tr><td>4</td><td>Write to NELFT for a deputy</td><td>Fiona Taylor / JH</td>"
        "<td>31 March 2024</td></tr></table>"
    )
    action = one(html)
    assert action.text == "Write to NELFT for a deputy"
    assert action.owners_written == ("Fiona Taylor", "JH")
    assert action.due == datetime.date(2024, 3, 31)
    assert action.due_text == "31 March 2024"
    assert action.kind == KIND_NEW


def test_action_by_column():
    html = (
        "<table><tr><td>Action</td><td>Action by</td><td>By when</td></tr>"
        "<tr><td>Chase the ISA returns</td><td>Jeta</td><td>June 2024</td></tr></table>"
    )
    action = one(html)
    assert (action.owners_written, action.due) == (("Jeta",), datetime.date(2024, 6, 30))


def test_bold_action_label_in_its_own_cell():
    html = (
        "<table><tr><td>The room is booked for June.</td></tr>"
        "<tr><td><strong>ACTION</strong></td><td>JH to send the joining notes</td></tr></table>"
    )
    action = one(html)
    assert action.text == "JH to send the joining notes"
    assert action.owners_written == ("JH",)


def test_bold_action_label_inside_a_cell():
    html = (
        "<table><tr><td>5</td><td><strong>ACTION:</strong> JT to brief the chair.</td></tr></table>"
    )
    assert one(html).text == "JT to brief the chair."


def test_cell_opening_with_actions():
    html = (
        "<table><tr><td>4</td><td><p>Performance summary.</p></td>"
        "<td><p>ACTIONS</p><p>Jane Scotchbrook/Tim Barfoot to present.</p></td></tr></table>"
    )
    action = one(html)
    assert action.owners_written == ("Jane Scotchbrook", "Tim Barfoot")


def test_tab_separated_two_column_table():
    text = (
        "Discussion\tAction\n"
        "The board reviewed the plan.\tJS to see the report and feedback to board.\n"
        "Date of next meeting.\tBarking Learning Centre, Thursday 16 August 2018\n"
        "Apologies noted.\tNone\n"
    )
    action = one(text)
    assert action.text == "JS to see the report and feedback to board."
    assert action.owners_written == ("JS",)


def test_markdown_table_with_an_action_column():
    text = (
        "| Item | Discussion | Action |\n"
        "|------|------------|--------|\n"
        "| 3 | The log was reviewed. | JH to update the action log |\n"
        "| 4 | Nothing to add. | |\n"
    )
    assert one(text).text == "JH to update the action log"


def test_action_log_table_rows_are_logged_with_lead_and_target():
    text = (
        "Action Required\tLead\tDate of meeting\tTarget Completion\tStatus\tOpen/ Closed\n"
        "Jonathan Toy to write protocol on HMO's.\tJonathan Toy\t12 September 2017\t"
        "28 February 2018\tR\tOpen\n"
        "MET to place Street Watch into a framework.\tTim Barfoot/ Supt. Jane Scotchbrook\t"
        "13 December 2017\tDate TBC\tR\tOpen\n"
    )
    first, second = extract_actions(text)
    assert first.kind == second.kind == KIND_LOGGED
    assert first.owners_written == ("Jonathan Toy",)
    assert first.due == datetime.date(2018, 2, 28)
    assert first.status_text == "R, Open"
    assert second.owners_written == ("Tim Barfoot", "Supt. Jane Scotchbrook")
    assert second.due is None
    assert second.due_text == "Date TBC"


def test_actions_heading_then_a_list():
    html = (
        "<p>Actions agreed:</p><ul><li>JH to circulate the notes</li>"
        "<li>Partners to send their data to Daniel James</li></ul>"
        "<p>The chair thanked everyone.</p><ul><li>Not an action list</li></ul>"
    )
    actions = extract_actions(html)
    assert [a.owners_written for a in actions] == [("JH",), ("Partners",)]


def test_bold_owner_line_on_its_own():
    action = one("Some discussion.\n\n**JS to update\nChair to inform\nall.**\n")
    assert action.text == "JS to update Chair to inform all."
    assert action.owners_written == ("JS",)


# -- what is not an action ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The action plan was agreed by the board.",
        "Gang & Knife Crime Action Plan - Neil Matthews",
        "ACTION PLAN",
        "ACTIONS",
        "Action being followed up with Jonathon Toy on who should be involved.",
        "Actions to Sustain or improve performance",
        "Performance Overview\tActions to Sustain or improve performance\n"
        "Burglary is up 26%.\tThe police are launching a unit to tackle burglary.\n",
        "It was agreed that this data will be picked up through contract monitoring.",
        "**Equality Impact Assessment –** all required information has been updated.",
        "Members of the Board are asked to declare any personal or prejudicial interest.",
        "Forward Plan\n\nBoard members identified the following future agenda items.",
        "Actions 2023/24 were reviewed.",
        "**Actions to Sustain or improve performance**\n\nThe Police have daily grip meetings.",
        "**One action organisations should take**\n\n- Involve community police more",
        "**Partners to note the report**",
        "ACTION: No actions arising.",
        "ACTION: N/A",
    ],
)
def test_not_actions(text):
    assert extract_actions(text) == []


# -- due dates and idempotence -----------------------------------------------------------------


def test_due_date_without_a_year_needs_the_meeting_date():
    line = "ACTION: JH to circulate the draft by 31 March."
    assert one(line).due is None
    assert one(line).due_text == "by 31 March"
    assert one(line, meeting_date=datetime.date(2017, 12, 13)).due == datetime.date(2018, 3, 31)


def test_the_same_minutes_twice_give_the_same_fingerprints():
    html = "<p>ACTION: JH to update the log.</p><p>ACTION: JT to meet the organiser.</p>"
    first = [a.fingerprint for a in extract_actions(html)]
    again = [a.fingerprint for a in extract_actions(html)]
    assert first == again
    assert len(set(first)) == 2


def test_fingerprint_ignores_case_spacing_punctuation_and_status():
    a = one("ACTION: JH to update the log.")
    b = one("<p>ACTION –  jh to update the  LOG (CLOSED)</p>")
    assert a.fingerprint == b.fingerprint
    assert one("ACTION: JH to update the register.").fingerprint != a.fingerprint


def test_an_action_written_twice_is_proposed_once():
    html = "<p>ACTION: JH to update the log.</p><p>ACTION – JH to update the log</p>"
    assert len(extract_actions(html)) == 1


def test_a_new_action_and_a_logged_one_differ():
    new = one("ACTION: MET to place Street Watch into a framework.")
    logged = one(
        "Action Required\tLead\tStatus\n"
        "MET to place Street Watch into a framework.\tTim Barfoot\tR\n"
    )
    assert new.fingerprint != logged.fingerprint


def test_proposed_action_is_frozen():
    action = one("ACTION: JH to update the log.")
    with pytest.raises(AttributeError):
        action.text = "changed"  # type: ignore[misc]
