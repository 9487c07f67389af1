"""Public pages: only published articles whose time has come are ever shown."""

from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from .models import Article, District, Program


class HomeView(ListView):
    """The latest published articles."""

    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    """One article at its canonical date + id URL; other dates redirect there."""

    template_name = "articles/article.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().with_bylines().with_mentions()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))


class DistrictView(ListView):
    """A district's published articles."""

    template_name = "articles/district.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.district = get_object_or_404(District, slug=self.kwargs["slug"])
        return Article.objects.published().filter(districts=self.district).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, **kwargs)


class ProgramView(ListView):
    """A program's published installments in order."""

    template_name = "articles/program.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.program = get_object_or_404(Program, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .filter(program=self.program)
            .for_listing()
            .order_by("installment__number", "published_at")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.program, **kwargs)
