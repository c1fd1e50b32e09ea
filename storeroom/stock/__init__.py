"""The stock ledger: every movement of stock (add, remove, count, transfer, merge, assign,
serialize, install, return), serial numbers and tracking history."""
