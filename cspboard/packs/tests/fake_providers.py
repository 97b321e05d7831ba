"""A provider of generated papers for the tests: what it returns is set by the test."""

from cspboard.meetings.contributions import GeneratedPaper

# {item title: [(title, text, withheld, legal basis)]}
PAPERS: dict[str, list[tuple[str, str, bool, str]]] = {}
CALLS: list[tuple[str, bool]] = []


def item_papers(item, *, members: bool) -> list[GeneratedPaper]:
    from cspboard.documents.tests.factories import pdf_bytes

    CALLS.append((item.title, members))
    papers = []
    for title, text, withheld, basis in PAPERS.get(item.title, []):
        if withheld and not members:  # a provider never hands the public what it may not see
            papers.append(GeneratedPaper(title, b"", withheld=True, legal_basis=basis))
        else:
            papers.append(GeneratedPaper(title, pdf_bytes(text), withheld, basis))
    return papers


def two_pages(item, *, members: bool) -> list[GeneratedPaper]:
    """A two-page generated paper for the item titled "Performance Report"."""
    if item.title != "Performance Report":
        return []
    from cspboard.packs.pdfs import html_pdf

    pdf = html_pdf("<p>GENERATED-PAGE-ONE</p><p style='break-before: page'>GENERATED-PAGE-TWO</p>")
    return [GeneratedPaper("Performance report (generated)", pdf)]
