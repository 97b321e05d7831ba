from django.db import models


class CacheGeneration(models.Model):
    """A counter for one part of the record, moved inside the transaction of every write to it.

    Cached pages are keyed by the counters of the parts they show (`core/cache.py`): a write
    retires exactly those pages, in every worker and on every server sharing the database, so a
    page is never served stale. `scope` is "global" (boards, people and organisations, shown
    across boards), "data" (open data: areas, populations, crimes, read by any board's
    performance report) or "board:<id>" (a board's meetings, papers, actions and figures).
    """

    scope = models.CharField(max_length=40, unique=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["scope"]

    def __str__(self) -> str:
        return f"{self.scope}: generation {self.value}"
