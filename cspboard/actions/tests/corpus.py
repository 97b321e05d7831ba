"""The hand-made list of every action in the five seed documents (shared/seeds/ beside the project).

Made by reading each document from top to bottom, not from the extractor's output. Each entry
gives the line of the seed file it comes from, what kind of action it is, the action's text as it
should be extracted, the owners as written, and the due date where the line states one.

Conventions (the same the extractor follows, decided before it was written):

- `new`: a line labelled ACTION (in any of its forms), a line in a minutes table's action
  column, or a bold "<owner> to <do>" line set out as an action. The text is the line without
  its label; a status in brackets at the end ("(Outstanding)", "(CLOSED)") is not part of the
  text; a line the publishing site cut short ("... view the full minutes text for item 5.") ends
  with "…".
- `update`: a line about an action already on the log, by number ("Action 2 No completion date
  discussed...", "Actions 3, 4, and 6 can be removed..."). The text is the whole line; the update
  names no owner of its own (the action it updates has one).
- `logged`: a row of an action-log table (Action Required | Lead | ... | Target Completion |
  Status). The owners are the Lead column, split at "/"; the due date is Target Completion.
- Owners are written as the minutes write them ("JH", "Councillor Worby", "the police",
  "Partners"); none when the line names nobody ("Take out reference to groups in the orders.",
  a passive "... to be presented to March CSP Board.").

Sentences that record something agreed without an ACTION label ("It was agreed that this data
will be picked up through their contract monitoring meeting...") are not actions here: the
minute-taker did not set them out as actions, and proposing them would swamp the officer.
"""

import dataclasses
import datetime

D = datetime.date


@dataclasses.dataclass(frozen=True)
class Expected:
    line: int
    kind: str
    text: str
    owners: tuple[str, ...] = ()
    due: datetime.date | None = None
    numbers: tuple[int, ...] = ()


def new(line, text, *owners, due=None):
    return Expected(line, "new", text, tuple(owners), due)


def update(line, numbers, text, due=None):
    return Expected(line, "update", text, (), due, tuple(numbers))


def logged(line, text, owners, due=None):
    return Expected(line, "logged", text, tuple(owners), due)


# The June 2023 minutes appear twice: on their own (002) and inside the September 2023 pack (000).
JUNE_2023 = [
    new(
        19,
        "All CSP members need to sign and return the ISA (Information Sharing Agreement) and "
        "return to Jeta",
        "All CSP members",
    ),
    new(
        20,
        "Steven Calder to meet with Angie Fuller to discuss children's and adults resettlement "
        "panel.",
        "Steven Calder",
    ),
    new(
        77,
        "Clare Brutton and Amolak Tatter to reach out to Yasir (Police – Senior Lead for "
        "Communities and Engagement) through David Rhodes and link in on how to increase "
        "community engagement with hard to reach communities.",
        "Clare Brutton",
        "Amolak Tatter",
    ),
    new(
        79,
        "Clare and Amolak to engage with partnership where appropriate to seek further feedback "
        "around plans recommendations",
        "Clare",
        "Amolak",
    ),
    new(
        81,
        "Partners to go away and review the 10 recommendations within the plan and provide "
        "feedback at September's CSP, where if all agree the recommendations can be agreed.",
        "Partners",
    ),
    new(
        83,
        "Clare Brutton to link in with the work Gary Jones and David Rhodes around the joint "
        "service provision to get insight around community engagement activity.",
        "Clare Brutton",
    ),
    new(
        202,
        "David Rhodes to work with gangs team to identify where the gaps are with information "
        "sharing",
        "David Rhodes",
    ),
    new(204, "Ben Forbes to bring update on ASB MARAC to September's CSP", "Ben Forbes"),
]

CORPUS: dict[str, list[Expected]] = {
    # Agenda and minutes page, 11 December 2019.
    "004_0950aaeaa6eb6065.txt": [
        new(
            42,
            "Jade Hodgson and Fiona Taylor to review CSP action log",
            "Jade Hodgson",
            "Fiona Taylor",
        ),
        new(138, "Defer FLAG presentation to March CSP Board"),
        new(
            222,
            "Members to feedback any comments on the DVHR by Wednesday 18 December 2019.",
            "Members",
            due=D(2019, 12, 18),
        ),
        new(
            234,
            "Roadmap around partnerships structures, roles and responsibilities to be presented "
            "to March CSP Board.",
        ),
        new(
            236,
            "The collective to provide an update on the structure and remit of the service to a "
            "latter CSP Board",
            "The collective",
        ),
        new(
            238,
            "An update on the development of the Tri-borough strategic assessment to be presented "
            "to the CSP Board.",
        ),
        new(
            240,
            "Refuge/Hazel North-Stephens to provide an update to March board on delivery, support "
            "applied and referrals.",
            "Refuge",
            "Hazel North-Stephens",
        ),
    ],
    # Agenda and minutes page, 8 December 2021.
    "001_b0a640582758f8e4.txt": [
        new(
            49,
            "CSP Board Chairs to jointly write to NELFT for a deputy representative to be "
            "identified.",
            "CSP Board Chairs",
        ),
        new(
            51,
            "Chris Lyons to link in with MPS to share comms for Safe Haven rollout.",
            "Chris Lyons",
        ),
        new(
            53,
            "Paul Trevers to provide update to board members on the police encounter panels.",
            "Paul Trevers",
        ),
        new(
            93,
            "Laura Norton to share existing knife crime pilot findings to CSP Board members as the "
            "DA pilot does not have sharable findings at this stage.",
            "Laura Norton",
        ),
        new(
            133,
            "Paul Trevers to look into what local data MPS have access to focusing on those "
            "released under investigation that could …",
            "Paul Trevers",
        ),
        new(
            373,
            "Councillor Worby to speak with Elaine Allegretti to discuss and identify an interim "
            "chair for the VAWG and feedback to CSP.",
            "Councillor Worby",
        ),
        new(
            375,
            "Sonia Drozd to feedback to CSP Members on the Community Safeguarding Commissioner "
            "interviews.",
            "Sonia Drozd",
        ),
    ],
    # Minutes of 28 June 2023 on their own.
    "002_3279537257ad4eb2.txt": JUNE_2023,
    # The September 2023 pack (headed 29 March 2023): its only actions are in the June minutes.
    "000_041d7d68cf73db97.txt": [
        dataclasses.replace(e, line=e.line + offset)
        for e, offset in zip(JUNE_2023, (104, 104, 105, 105, 105, 105, 97, 97), strict=True)
    ],
    # The 28 March 2018 pack: the minutes of 13 December 2017 (a two-column Item | Minutes/
    # Actions table, partly flattened by the text extraction), the action log table, and the
    # Safer Neighbourhood Board's minutes of February 2018 and November 2017 (tables with an
    # Action column).
    "003_fd7ab8671c1905b6.txt": [
        # Minutes of 13 December 2017, item 2: the action log reviewed by number.
        update(
            78,
            [1],
            "Action 1 Jonathon Toy (JT) agreed to be finished by the end of February 2018.",
            due=D(2018, 2, 28),
        ),
        update(
            78,
            [2],
            "Action 2 No completion date discussed, now planning a completion date for the end of "
            "March 2018.",
            due=D(2018, 3, 31),
        ),
        update(
            78, [3, 4, 6], "Actions 3, 4, and 6 can be removed as these are duplicated actions."
        ),
        update(
            78,
            [7, 8, 10, 11, 12, 14, 15, 16, 17],
            "Actions 7,8,10,11,12,14,15,16 and 17 to be closed.",
        ),
        update(78, [13], "Action 13 to be rag rated to Amber, reset dates."),
        new(
            78,
            "JH to update the action log, close completed actions and amend deadline dates.",
            "JH",
        ),
        new(
            79,
            "Restorative Justice to work with YOS providing the service for young "
            "offenders/victims who want to access the service.",
            "Restorative Justice",
        ),
        new(97, "Review and transform the CDSA report into an easy read document to distribute."),
        new(
            99,
            "Assessment to be compiled into PowerPoint for each subgroup with targets and "
            "priorities for each group to focus on going forward.",
        ),
        new(107, "JH to add revised assessment to EPG agenda in March 2018 for sign off.", "JH"),
        new(107, "JH to add CSP Process to the June CSP agenda for the board to review.", "JH"),
        new(
            108,
            "YOS management board to compile a draft improvement plan to address performance "
            "issues.",
            "YOS management board",
        ),
        new(
            109,
            "JH to add Tim Barfoot (TB) back onto circulation list for sub-group updates.",
            "JH",
        ),
        new(
            115,
            "MET to follow the recommendations of the Safer Borough Board and the CSP to place "
            "Street Watch into a framework.",
            "MET",
        ),
        new(
            119,
            "JT to meet with Havering Street Watch organiser to explore implementing this in "
            "Barking and Dagenham.",
            "JT",
        ),
        new(
            129,
            "Agreed that the police would meet with voluntary groups around knife crime after "
            "their presentation 2.",
            "the police",
        ),
        new(135, "AF to invite wider partners to Childrens' and Young People Board", "AF"),
        new(
            145,
            "AF to agree a time-scale outside of the meeting and complete the piece of work by "
            "June 2018.",
            "AF",
            due=D(2018, 6, 30),
        ),
        new(
            158,
            "JT and TB to compile an operation plan for the PSPO's once met with the Intel "
            "Tasking Group.",
            "JT",
            "TB",
        ),
        new(164, "Take out reference to groups in the orders."),
        new(
            172,
            "Agreed that James Tullett and RAMFEL will be removed and replaced by the CAB. member "
            "of the CAB, invites to be sent to the elected member. Jade Hodgson to invite elected "
            "member.",
            "Jade Hodgson",
        ),
        new(174, "JH to update membership to reflect newly appointed chair.", "JH"),
        # The action log (Action Required | Lead | Date of meeting | Target Completion | Status |
        # Open/ Closed | Comments/ Update).
        logged(
            186,
            "Jonathan Toy to write protocol on HMO's and potential displacement of vulnerable "
            "people to be signed off as a partnership and brought back to December meeting for "
            "endorsement.",
            ["Jonathan Toy"],
            D(2018, 2, 28),
        ),
        logged(
            187,
            "Supt Jane Scotchbrook to establish where the funding for additional resource is "
            "coming from and circulate to CSP Members.",
            ["Supt. Jane Scotchbrook"],
            D(2018, 3, 30),
        ),
        logged(
            188,
            "6-weekly tension monitoring meetings to be put into diaries. Matthew Cole will chair "
            "these meetings going forward.",
            ["Matthew Cole"],
            D(2018, 3, 13),
        ),
        logged(
            189,
            "Dan James, Jonathon Toy and Jade Hodgson to bring a reviewed Crime and Disorder "
            "Strategic Assessment to March board.",
            ["Jonathon Toy", "Dan James", "Jade Hodgson"],
            D(2018, 3, 13),
        ),
        logged(
            190,
            "MET to follow the recommendations of the Safer Borough Board and the CSP to place "
            "Street Watch into a framework.",
            ["Tim Barfoot", "Supt. Jane Scotchbrook"],
            None,  # "Date TBC"
        ),
        logged(
            191,
            "Jonathon Toy to meet with Havering Street Watch organiser to explore implementing "
            "this in Barking and Dagenham.",
            ["Jonathan Toy"],
            D(2018, 3, 13),
        ),
        logged(
            192,
            "Gang and Knife Crime Action Plan - Agreed we need to review the term 'young people' "
            "and the strategy difference between age groups. Angie Fuller to agree a time-scale "
            "outside of the meeting and complete the piece of work by June.",
            ["Angie Fuller"],
            D(2018, 6, 1),
        ),
        logged(
            193,
            "Jonathon Toy and Tim Barfoot to compile an operation plan for the PSPO's once met "
            "with the Intel Tasking Group.",
            ["Jonathon Toy", "Tim Barfoot"],
            D(2018, 3, 13),
        ),
        logged(
            194,
            'Penny Pyke to remove the reference to "groups" in the Public Spaces Protection '
            "Orders.",
            ["Penny Pyke"],
            D(2018, 3, 13),
        ),
        logged(
            195,
            "Police to meet with voluntary groups around knife crime after their presentation at "
            "Decembers board.",
            ["Supt. Jane Scotchbrook"],
            D(2018, 3, 13),
        ),
        # Safer Neighbourhood Board open public meeting, 15 February 2018: an ACTION inside a
        # question-and-answer paragraph.
        new(305, "NM to pass this number to Chair to circulate.", "NM"),
        # Safer Neighbourhood Board closed meeting, 23 November 2017: the third column of the
        # minutes table is headed ACTIONS. One cell's text came out of the PDF as a bold block
        # of its own (lines 425-427).
        new(425, "JS to update Chair to inform all.", "JS"),
        new(
            429,
            "Next Meeting agenda to include Council representation at meetings. Key perception.",
        ),
        new(429, "JS to see the report and feedback to board.", "JS"),
        new(434, "Jane Scotchbrook/Tim Barfoot to present.", "Jane Scotchbrook", "Tim Barfoot"),
        new(
            436,
            "Jane Scotchbrook to circulate report related to Domestic Violence.",
            "Jane Scotchbrook",
        ),
        new(437, "Cabinet member, Cllr Laila Butt to take this to CSP.", "Cllr Laila Butt"),
        new(439, "Abdul to organising the Stop & Search meeting.", "Abdul"),
    ],
}
