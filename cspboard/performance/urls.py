import datetime

from django.urls import path, register_converter

from . import views


class YearMonthConverter:
    """`2018-01` in a URL, as the first of that month; an impossible month matches nothing."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.datetime.strptime(value, "%Y-%m").date()  # ValueError means no match

    def to_url(self, value) -> str:
        if isinstance(value, datetime.date):
            return f"{value:%Y-%m}"
        return str(value)


register_converter(YearMonthConverter, "yearmonth")

app_name = "performance"
urlpatterns = [
    path("boards/<slug:slug>/performance/", views.report_latest, name="report_latest"),
    path("boards/<slug:slug>/performance/hotspots/", views.hotspots, name="hotspots"),
    path("boards/<slug:slug>/performance/upload/", views.upload, name="upload"),
    path("boards/<slug:slug>/performance/data/", views.data_index, name="data_index"),
    path(
        "boards/<slug:slug>/performance/indicators/new/",
        views.indicator_form,
        name="indicator_add",
    ),
    path(
        "boards/<slug:slug>/performance/indicators/<slug:indicator_slug>/",
        views.indicator_form,
        name="indicator_edit",
    ),
    path(
        "boards/<slug:slug>/performance/data/<slug:indicator_slug>/<int:year>/",
        views.data_grid,
        name="data_grid",
    ),
    path(
        "boards/<slug:slug>/performance/meetings/<isodate:date>/",
        views.meeting_report,
        name="meeting_report",
    ),
    path("boards/<slug:slug>/performance/<yearmonth:month>/", views.report, name="report"),
    path(
        "boards/<slug:slug>/performance/<yearmonth:month>/commentary/publish/",
        views.publish,
        name="publish",
    ),
    path(
        "boards/<slug:slug>/performance/<yearmonth:month>/report.pdf",
        views.report_pdf,
        name="report_pdf",
    ),
    path(
        "boards/<slug:slug>/performance/<yearmonth:month>/<slug:indicator_slug>/",
        views.indicator,
        name="indicator",
    ),
]
