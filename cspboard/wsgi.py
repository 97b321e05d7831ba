import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspboard.settings")
application = get_wsgi_application()

if not settings.DEBUG:  # with DEBUG on, templates are reloaded when changed: nothing to keep
    from cspboard.core.warmup import templates_compile

    templates_compile()
