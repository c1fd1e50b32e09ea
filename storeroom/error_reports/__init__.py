"""Error reports: every unhandled server error, recorded with its traceback, for staff to read."""
