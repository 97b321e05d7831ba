"""Checks on an uploaded paper: its size, and that it really is a type the board accepts."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .choices import ALLOWED_TYPES

ALLOWED_LABEL = "PDF, DOCX, XLSX or ODT"


def validate_upload(upload) -> str:
    """Return the content type to serve the file as, or raise with a message for the person."""
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The file must be smaller than {filesizeformat(limit)} "
            f"(this one is {filesizeformat(upload.size)})."
        )
    if upload.size == 0:
        raise ValidationError("The selected file is empty.")
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_TYPES:
        raise ValidationError(f"The selected file must be a {ALLOWED_LABEL}.")
    content_type, signatures = ALLOWED_TYPES[extension]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            f"The selected file is not a real {extension.upper()} file: "
            f"it must be a {ALLOWED_LABEL}."
        )
    return content_type
