"""What a strict Content-Security-Policy refuses, found in HTML: for the policy's tests
(cspboard/tests/test_csp.py) and the components' (test_govuk_components.py)."""

from html.parser import HTMLParser


class InlineFinder(HTMLParser):
    """Everything a strict policy refuses: inline scripts (without the request's nonce), event
    handler attributes, javascript: URLs, style attributes and <style> elements."""

    def __init__(self, nonce: str | None = None):
        super().__init__()
        self.nonce = nonce
        self.problems: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes.get("src") or "(inline)")
            if not attributes.get("src") and (
                self.nonce is None or attributes.get("nonce") != self.nonce
            ):
                self.problems.append(f"inline <script> without the nonce: {attributes}")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f'<{tag} style="{value}">')
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")

    handle_startendtag = handle_starttag
