"""Project codes (`/api/project-code/`): labels that tie orders and builds to a project."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.models.declare import model

PROJECT_CODE = model(
    "projectcode",
    "/api/project-code/",
    app_label="common",
    verbose_name="Project Code",
    ruleset="admin",
    fields=(
        Field("code", "str", required=True, max_length=50),
        Field("description", "str", max_length=200, default=""),
    ),
    unique=(("code",),),
    ordering=("code",),
    default_ordering=("code",),
    search=("code", "description"),
)

RESOURCES = (PROJECT_CODE,)
