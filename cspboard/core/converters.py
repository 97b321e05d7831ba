import datetime


class IsoDateConverter:
    """`2018-03-28` in a URL; an impossible date such as 2018-02-30 matches nothing (so 404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)  # ValueError means "no match"

    def to_url(self, value) -> str:
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)
