"""The private feed's token: unforgeable, one person's only, never expiring."""

from django.core import signing

from cspboard.calendars.tokens import person_feed_token, person_feed_url, person_for_token


def test_token_round_trips_to_its_person(feeds):
    assert person_for_token(person_feed_token(feeds.person)) == feeds.person


def test_tokens_differ_per_person(feeds):
    assert person_feed_token(feeds.person) != person_feed_token(feeds.stranger)


def test_tampered_token_is_refused(feeds):
    token = person_feed_token(feeds.person)
    _, signature = token.split(":", 1)
    assert person_for_token(f"{feeds.stranger.pk}:{signature}") is None
    assert person_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert person_for_token(str(feeds.person.pk)) is None
    assert person_for_token("") is None


def test_token_signed_with_another_salt_is_refused(feeds):
    other = signing.Signer(salt="cspboard.actions.links.update").sign(str(feeds.person.pk))
    assert person_for_token(other) is None
    assert person_for_token(signing.Signer().sign(str(feeds.person.pk))) is None


def test_token_signed_with_another_key_is_refused(feeds, settings):
    token = person_feed_token(feeds.person)
    settings.SECRET_KEY = "another key entirely, long enough to be a real one, 1234567890"
    assert person_for_token(token) is None


def test_token_for_a_deleted_person_is_refused(feeds):
    token = person_feed_token(feeds.stranger)
    feeds.stranger.delete()
    assert person_for_token(token) is None


def test_token_does_not_expire(feeds, settings):
    from unittest import mock

    token = person_feed_token(feeds.person)
    with mock.patch("time.time", return_value=4_000_000_000):
        assert person_for_token(token) == feeds.person


def test_feed_url_is_absolute(feeds):
    url = person_feed_url(feeds.person)
    assert url.startswith("https://boards.example.gov.uk/calendars/")
    assert url.endswith(".ics")
