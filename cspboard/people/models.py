from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .choices import AliasKind, OrganisationKind


class Organisation(models.Model):
    """A partner body: the council, the police, probation, fire, health, a charity."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind, default=OrganisationKind.OTHER)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone the record names: a member, an adviser, an officer, a presenter, a guest.

    A person may have a log-in (`user`); most people named in historic minutes never will.
    """

    name = models.CharField(max_length=200)
    honorific = models.CharField(max_length=50, blank=True, help_text="Cllr, Supt, Dr...")
    slug = models.SlugField(max_length=120, unique=True)
    post_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    history = HistoricalRecords(excluded_fields=["user"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("people:person_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()


class PersonAlias(models.Model):
    """Another form in which minutes name a person: initials ("JT"), "Cllr Ghani", "Jeta"."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=AliasKind, default=AliasKind.SPELLING)

    class Meta:
        ordering = ["person", "alias"]
        constraints = [
            models.UniqueConstraint(fields=["person", "alias"], name="unique_alias_per_person")
        ]
        verbose_name_plural = "person aliases"

    def __str__(self) -> str:
        return f"{self.alias} ({self.person.name})"
