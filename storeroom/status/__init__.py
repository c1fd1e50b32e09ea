"""Server status: InvenTree's root info, the status payload, health and readiness, version."""
