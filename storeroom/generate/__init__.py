"""Generated identifiers: the next free serial numbers of a part and batch codes rendered from the
deployment's template (`/api/generate/serial-number/`, `/api/generate/batch-code/`)."""
