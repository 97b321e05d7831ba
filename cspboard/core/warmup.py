"""Work a web worker does once, before its first request, instead of during it.

Compiling the templates (and importing every template tag library they load) costs a fresh
process about 200 ms on its first page. Gunicorn loads the application before a worker accepts
connections, so doing it here means no visitor waits for it (bench/README.md, the report page).
"""

from __future__ import annotations

import logging

from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines

logger = logging.getLogger(__name__)


def template_names() -> list[str]:
    """Every template the Django engine can find, as the names views ask for."""
    engine = engines["django"].engine
    names: set[str] = set()
    for loader in engine.template_loaders:
        for sub in getattr(loader, "loaders", [loader]):
            for directory in sub.get_dirs():
                for path in directory.rglob("*.html"):
                    names.add(path.relative_to(directory).as_posix())
    return sorted(names)


def templates_compile() -> int:
    """Compile every template into the cached loader; returns how many compiled."""
    engine = engines["django"].engine
    compiled = 0
    for name in template_names():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # a third-party oddity: not ours to fix
            logger.debug("Template %s not compiled at start-up", name, exc_info=True)
            continue
        compiled += 1
    return compiled
