import secrets

from django.db import models
from django.db.models import Q

from cspboard.boards.models import Board

from .choices import EVENT_FIELDS, Event


def unsubscribe_token() -> str:
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def pending(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=True)

    def following(self, event: int) -> "SubscriptionQuerySet":
        """Confirmed subscriptions that asked for `event`."""
        return self.confirmed().filter(**{EVENT_FIELDS[Event(event)]: True})


class Subscription(models.Model):
    """One e-mail address following one board, for the events it chose.

    Kept minimal: the address, the choice and the dates; nothing else about the person. A row
    is written when the address is given (so that a second request for it is not a second
    e-mail), but nothing is sent to it but the confirmation until `confirmed_at` is set by the
    signed link that e-mail carries; unconfirmed rows are deleted once that link has expired,
    and a row is deleted, not kept, when its address unsubscribes.

    `query` and `filters` are for a saved search to follow (once the site has search): unused,
    and empty, for a board's subscription.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(max_length=254)
    agenda = models.BooleanField(default=False)
    supplements = models.BooleanField(default=False)
    minutes = models.BooleanField(default=False)
    query = models.CharField(max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=unsubscribe_token)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["board", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "email"], condition=Q(query=""), name="one_subscription_a_board"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} following {self.board}"

    @property
    def events(self) -> int:
        """The events chosen, as `Event` bits."""
        return (
            (Event.AGENDA if self.agenda else 0)
            | (Event.SUPPLEMENT if self.supplements else 0)
            | (Event.MINUTES if self.minutes else 0)
        )

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
