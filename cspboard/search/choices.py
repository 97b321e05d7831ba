from django.db import models


class EntryKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    ITEM = "item", "Agenda item"
    MINUTES = "minutes", "Minutes"
    DECISION = "decision", "Decision"
    PAPER = "paper", "Paper"
    ACTION = "action", "Action"
    PERSON = "person", "Person"
    BOARD = "board", "Board"


# Public whoever reads them: the register of boards, people and meetings (their pages are).
PUBLIC_KINDS = (EntryKind.BOARD, EntryKind.PERSON, EntryKind.MEETING)
