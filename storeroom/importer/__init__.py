"""The data importer: upload a spreadsheet, map its columns to a model's fields, validate every
row as the model's create endpoint would, review, and import the valid rows in bulk."""
