"""The action log of the 28 March 2018 pack (seed 003_fd7ab8671c1905b6.txt, lines 185-195)
as the seed holds it: tab-separated, its own headers, "Date TBC", R and A, comments."""

import datetime

D = datetime.date

SEED_LOG = "\n".join(
    "\t".join(row)
    for row in [
        [
            "Action Required",
            "Lead",
            "Date of meeting",
            "Target Completion",
            "Status",
            "Open/ Closed",
            "Comments/ Update",
        ],
        [
            "Jonathan Toy to write protocol on HMO's and potential displacement of vulnerable "
            "people to be signed off as a partnership and brought back to December meeting for "
            "endorsement.",
            "Jonathan Toy",
            "12 September 2017",
            "28 February 2018",
            "R",
            "Open",
            "",
        ],
        [
            "Supt Jane Scotchbrook to establish where the funding for additional resource is "
            "coming from and circulate to CSP Members.",
            "Supt. Jane Scotchbrook",
            "12 September 2017",
            "30 March 2018",
            "R",
            "Open",
            "",
        ],
        [
            "6-weekly tension monitoring meetings to be put into diaries. Matthew Cole will chair "
            "these meetings going forward.",
            "Matthew Cole",
            "12 September 2017",
            "13 March 2018",
            "A",
            "Open",
            "",
        ],
        [
            "Dan James, Jonathon Toy and Jade Hodgson to bring a reviewed Crime and Disorder "
            "Strategic Assessment to March board.",
            "Jonathon Toy/ Dan James/ Jade Hodgson",
            "13 December 2017",
            "13 March 2018",
            "R",
            "Open",
            "Reviewed CDSA",
        ],
        [
            "MET to follow the recommendations of the Safer Borough Board and the CSP to place "
            "Street Watch into a framework.",
            "Tim Barfoot/ Supt. Jane Scotchbrook",
            "13 December 2017",
            "Date TBC",
            "R",
            "Open",
            "",
        ],
        [
            "Jonathon Toy to meet with Havering Street Watch organiser to explore implementing "
            "this in Barking and Dagenham.",
            "Jonathan Toy",
            "13 December 2017",
            "13 March 2018",
            "R",
            "Open",
            "Jonathon Toy met with StreetWatch",
        ],
        [
            "Gang and Knife Crime Action Plan - Agreed we need to review the term 'young people' "
            "and the strategy difference between age groups. Angie Fuller to agree a time-scale "
            "outside of the meeting and complete the piece of work by June.",
            "Angie Fuller",
            "13 December 2017",
            "01 June 2018",
            "R",
            "Open",
            "Action being followed up with Jonathon Toy on who should be involved.",
        ],
        [
            "Jonathon Toy and Tim Barfoot to compile an operation plan for the PSPO's once met "
            "with the Intel Tasking Group.",
            "Jonathon Toy/ Tim Barfoot",
            "13 December 2017",
            "13 March 2018",
            "R",
            "Open",
            "",
        ],
        [
            'Penny Pyke to remove the reference to "groups" in the Public Spaces Protection '
            "Orders.",
            "Penny Pyke",
            "13 December 2017",
            "13 March 2018",
            "R",
            "Open",
            "",
        ],
        [
            "Police to meet with voluntary groups around knife crime after their presentation at "
            "Decembers board.",
            "Supt. Jane Scotchbrook",
            "13 December 2017",
            "13 March 2018",
            "R",
            "Open",
            "Rita Chadha email address provided for contact to be made.",
        ],
    ]
)

# The people the log names, as the demo register holds them (name, honorific).
SEED_PEOPLE = [
    ("Jonathon Toy", ""),
    ("Jane Scotchbrook", "Supt"),
    ("Matthew Cole", ""),
    ("Daniel James", ""),
    ("Jade Hodgson", ""),
    ("Tim Barfoot", ""),
    ("Angie Fuller", ""),
    ("Penny Pyke", ""),
]
