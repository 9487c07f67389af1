"""Reporter and person pages; their articles come through reverse relations."""

from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.page_cache import list_tag, shows
from articles.sparklines import monthly_sparkline

from .models import Person, Reporter


class ReporterView(ListView):
    """A reporter and the public articles under their byline."""

    template_name = "people/reporter.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter, slug=self.kwargs["slug"])
        shows(self.request, list_tag("reporter", self.reporter.pk))
        return self.reporter.articles.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reporter=self.reporter,
            sparkline=monthly_sparkline(self.reporter.articles.published()),
            **kwargs,
        )


class PersonView(ListView):
    """A person and the public articles that mention them, with the title each printed.

    Someone only a draft mentions does not exist for readers, so the page is then a 404.
    """

    template_name = "people/person.html"
    context_object_name = "articles"
    paginate_by = 20
    allow_empty = False

    def get_queryset(self):
        self.person = get_object_or_404(Person, pk=self.kwargs["pk"])
        shows(self.request, list_tag("person", self.person.pk))
        title = self.person.mentions.filter(article=OuterRef("pk")).values("title")[:1]
        return (
            self.person.articles.published().for_listing().annotate(mention_title=Subquery(title))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)
