"""Status classes: the `/api/generic/status/` endpoints describing every built-in status class
(docs/api-behaviour.md, "Status classes"; declared in models/status_classes.py) with the
tenant's custom states merged."""
