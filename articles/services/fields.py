"""Fitting printed text into model fields, at the lengths the models declare."""


def clip_to_field(model, field_name: str, value: str) -> str:
    """The value cut to the field's max_length, read from the model so the two never drift."""
    return (value or "")[: model._meta.get_field(field_name).max_length]
