"""Background work on a job queue: the worker, schedules once per deployment and
/api/background-task/."""
