from django.db import models


class RecordGeneration(models.Model):
    """A counter that goes up whenever anything in the board's record changes.

    Cached public pages are keyed by it, so a change anywhere retires every cached page at once,
    in every worker and on every server sharing the database: a page is never served stale.
    """

    value = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Record generation {self.value}"
