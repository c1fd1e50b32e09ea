"""Status classes: the built-in status codes of every model (STATUS-CODES.md) and the
`/api/generic/status/` endpoints that describe them, ready to merge a tenant's custom states."""
