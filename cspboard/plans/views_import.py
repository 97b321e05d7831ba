"""Importing a plan version from a spreadsheet (see `import_plan.py`)."""

from django.http import Http404


def plan_import(request, slug: str, plan: str):
    raise Http404
