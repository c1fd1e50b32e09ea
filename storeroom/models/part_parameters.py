"""Part parameters (`/api/part/parameter/...`): named, typed properties of parts (templates),
their values per part, and the templates a category proposes to its parts."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.models.declare import model
from storeroom.models.expressions import count_of
from storeroom.models.filters import condition

PART_PARAMETER_TEMPLATE = model(
    "partparametertemplate",
    "/api/part/parameter/template/",
    app_label="part",
    verbose_name="Part Parameter Template",
    ruleset="part",
    fields=(
        Field("name", "str", required=True, max_length=100),
        Field("units", "str", max_length=25, default=""),
        Field("description", "str", max_length=250, default=""),
        Field(
            "parts",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("partparameter", "template"),
        ),
        Field("checkbox", "bool", default=False),
        Field("choices", "str", max_length=5000, default=""),
    ),
    unique=(("name",),),
    filters=(
        "name",
        "units",
        "checkbox",
        condition("has_choices", "partparametertemplate", lambda own: own.c.choices != ""),
        condition("has_units", "partparametertemplate", lambda own: own.c.units != ""),
    ),
    ordering=("name", "units", "checkbox", "parts"),
    default_ordering=("name",),
    search=("name", "description"),
)

PART_PARAMETER = model(
    "partparameter",
    "/api/part/parameter/",
    app_label="part",
    verbose_name="Part Parameter",
    ruleset="part",
    fields=(
        # A parameter goes with its part and with its template (InvenTree's CASCADE on both).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field(
            "template", "fk", required=True, relation="partparametertemplate", on_delete="cascade"
        ),
        Field("data", "str", required=True, max_length=500),
        Field("data_numeric", "float", nullable=True),
    ),
    # A part has one value per template.
    unique=(("part", "template"),),
    filters=("part", "template"),
    ordering=("part", "template", "data"),
    search=("data",),
)

PART_CATEGORY_PARAMETER_TEMPLATE = model(
    "partcategoryparametertemplate",
    "/api/part/category/parameters/",
    app_label="part",
    verbose_name="Part Category Parameter Template",
    ruleset="part_category",
    fields=(
        # Goes with its category and with its template (InvenTree's CASCADE on both).
        Field("category", "fk", required=True, relation="partcategory", on_delete="cascade"),
        Field(
            "parameter_template",
            "fk",
            required=True,
            relation="partparametertemplate",
            on_delete="cascade",
        ),
        Field("default_value", "str", max_length=500, default=""),
    ),
    unique=(("category", "parameter_template"),),
)

RESOURCES = (PART_PARAMETER_TEMPLATE, PART_PARAMETER, PART_CATEGORY_PARAMETER_TEMPLATE)
