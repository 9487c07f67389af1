"""Read an admin page's form the way a browser would submit it, so tests can post it back."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def _add(self, name, value):
        if name and "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs.get("name"), attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self._add(self._textarea, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.inside and "__prefix__" not in self._textarea:
            self.data[self._textarea][-1] += data


def form_data(html: str, form_id: str = "article_form") -> dict:
    """The fields a browser would post from this form, single values unwrapped."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data = {}
    for name, values in reader.data.items():
        value = values if len(values) > 1 else values[0]
        # Browsers drop the first newline after <textarea>.
        if isinstance(value, str) and value.startswith("\n"):
            value = value[1:]
        data[name] = value
    data.pop("csrfmiddlewaretoken", None)
    return data
