"""The sitemap (django.contrib.sitemaps) at /sitemap.xml: public pages only, from the public's
view (`selectors.sitemap_*`). Officers' pages, draft agendas and anything withheld are never
listed: a meeting appears once its agenda is public, and its page then shows the public only
what the access rule allows."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from .selectors import sitemap_boards, sitemap_meetings, sitemap_people


class BoardSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return sitemap_boards()


class MeetingSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return sitemap_meetings()

    def lastmod(self, meeting):
        return meeting.agenda_published_on


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return sitemap_people()


SITEMAPS = {"boards": BoardSitemap, "meetings": MeetingSitemap, "people": PersonSitemap}
