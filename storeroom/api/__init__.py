"""The resource layer: one declaration per model type gives it paging, filters, ordering, search,
export, bulk delete and metadata; the four API dialects; body parsing and error rendering."""
