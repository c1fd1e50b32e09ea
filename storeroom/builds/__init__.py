"""Build orders: issue, allocate, create and complete outputs, finish; build lines and
allocations."""
