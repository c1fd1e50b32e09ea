"""The inventory data model: one `Resource` declaration per model type, grouped by file."""
