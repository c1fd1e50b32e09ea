"""Content types: one entry per model type the server knows, as InvenTree's /api/contenttype/."""
