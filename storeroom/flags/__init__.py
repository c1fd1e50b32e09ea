"""Feature flags declared in settings, evaluated for the requesting user."""
