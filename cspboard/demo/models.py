from django.db import models


class DemoLoad(models.Model):
    """Marks a database as holding the demo partnership, so loading it again changes nothing
    and the demo (with its well-known passwords) is never loaded into a real deployment."""

    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"Demo loaded {self.loaded_at:%Y-%m-%d %H:%M}"
