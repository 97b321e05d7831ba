"""What the packs announce, for capabilities above them (following: alerts to the board's
subscribers) to act on without packs importing them.

Each is sent inside the transaction of the service that published: a receiver that fails undoes
the publication with it, and one that queues e-mail queues it in that transaction (so nothing
goes out for a publication that was rolled back).
"""

from django.dispatch import Signal

# A supplementary agenda of `meeting` was published by `by`: `publications` are the public and
# the members' supplements just stored.
supplement_published = Signal()

# The whole agenda of `meeting` was published again by `by` (a revised agenda): `publications`
# are the revised frontsheet and packs just stored.
agenda_revised = Signal()
