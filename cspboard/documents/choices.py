from django.db import models


class DocumentKind(models.TextChoices):
    REPORT = "report", "Report"
    APPENDIX = "appendix", "Appendix"
    PRESENTATION = "presentation", "Presentation"
    MINUTES = "minutes", "Minutes"
    OTHER = "other", "Other"


# The file types a board paper may be, by extension, with the content type we serve it as and
# the bytes a genuine file of that type starts with (DOCX, XLSX and ODT are zip containers).
ALLOWED_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
}
