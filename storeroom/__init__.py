"""storeroom: a fast, multi-tenant inventory platform API server speaking InvenTree's API 264."""

__version__ = "0.1.0"
