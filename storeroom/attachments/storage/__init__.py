"""Where attachment files are kept: one interface (`store.py`), one module per backend."""
