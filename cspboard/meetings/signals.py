"""What the record announces, so that capabilities above it can act without the record
importing them (the pack freezes its documents, the performance report publishes its drafts).

Each is sent inside the transaction of the service that made the change: a receiver that fails
undoes the change with it.
"""

from django.dispatch import Signal

# The agenda of `meeting` was published by `by` (a user or None) on `meeting.agenda_published_on`.
agenda_published = Signal()
