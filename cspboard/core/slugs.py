from django.db.models import Model
from django.utils.text import slugify


def unique_slug(model: type[Model], text: str, field: str = "slug", max_length: int = 80) -> str:
    """A slug for `text` that no row of `model` has yet: "jade-hodgson", "jade-hodgson-2"..."""
    base = slugify(text)[:max_length] or "x"
    slug, n = base, 1
    while model._default_manager.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base[: max_length - len(str(n)) - 1]}-{n}"
    return slug
