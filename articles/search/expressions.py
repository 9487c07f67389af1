"""SQL fragments over the article table's own row, with the row's alias kept right in subqueries."""

from django.db.models import BooleanField, Expression, IntegerField


class ArticleRowSQL(Expression):
    """Raw SQL about the current article row; ``{t}`` stands for that row's table alias.

    The search columns and tables are maintained by the database (triggers), not declared on the
    model, so plain ``RawSQL`` would hard-code the table name and break once Django relabels the
    query as a subquery (``U0``). This expression learns the alias when resolved and follows
    relabelling like a column does.
    """

    def __init__(self, template, params=(), output_field=None, alias=None):
        super().__init__(output_field=output_field or BooleanField())
        self.template, self.params, self.alias = template, tuple(params), alias

    def __repr__(self):
        return f"{self.__class__.__name__}({self.template!r}, {self.params!r})"

    @property
    def identity(self):
        return (self.__class__, self.template, self.params, self.alias)

    def __eq__(self, other):
        return isinstance(other, ArticleRowSQL) and self.identity == other.identity

    def __hash__(self):
        return hash(self.identity)

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        clone = self.copy()
        clone.alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(self.alias)
        return "(" + self.template.format(t=table) + ")", list(self.params)


def row_condition(template, params=()):
    """A boolean condition on the article row, usable in ``.filter()``."""
    return ArticleRowSQL(template, params, BooleanField())


def row_number(template, params=()):
    """An integer computed from the article row, usable in ``.annotate()``."""
    return ArticleRowSQL(template, params, IntegerField())
