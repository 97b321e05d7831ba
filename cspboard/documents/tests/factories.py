from django.core.files.uploadedfile import SimpleUploadedFile

from cspboard.documents.services import document_add


def pdf_bytes(text: str = "Board paper") -> bytes:
    """A small but genuine PDF holding `text`, so tests can look for it in what is served."""
    from io import BytesIO

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    safe = text.replace("(", "[").replace(")", "]")
    stream.set_data(f"BT /F1 12 Tf 72 760 Td ({safe}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def make_document(
    item,
    *,
    title="Report",
    text=None,
    marking="UNRESTRICTED",
    paragraph=None,
    filename="report.pdf",
):
    upload = SimpleUploadedFile(filename, pdf_bytes(text or title), content_type="application/pdf")
    return document_add(
        item=item,
        upload=upload,
        title=title,
        security_marking=marking,
        schedule_12a_paragraph=paragraph,
    )
