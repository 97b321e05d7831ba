"""What the record announces, so that capabilities above it can act without the record
importing them (the pack freezes its documents, the performance report publishes its drafts).

Each is sent inside the transaction of the service that made the change: a receiver that fails
undoes the change with it.
"""

from django.dispatch import Signal

# The agenda of `meeting` was published by `by` (a user or None) on `meeting.agenda_published_on`.
agenda_published = Signal()

# Items of `meeting` (`item_ids`) became withheld under Schedule 12A after its agenda was
# published, by `by`: public documents already published that show them must be withdrawn.
items_withheld = Signal()

# The minutes of `meeting` were published by `by`.
minutes_published = Signal()

# The minutes of agenda item `item` were saved by `by` (the action log proposes its ACTION lines).
item_minutes_saved = Signal()
