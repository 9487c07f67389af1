"""Reporter and person pages; their articles come through reverse relations."""

from django.views.generic import DetailView

from .models import Person, Reporter


class ReporterView(DetailView):
    """A reporter and the published articles under their byline."""

    model = Reporter
    template_name = "people/reporter.html"
    context_object_name = "reporter"


class PersonView(DetailView):
    """A person and the published articles that mention them."""

    model = Person
    template_name = "people/person.html"
    context_object_name = "person"
