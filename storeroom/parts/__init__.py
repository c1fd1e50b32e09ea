"""Parts beyond CRUD: computed fields, images, pricing, related parts, internal prices,
requirements, BOM validation and substitutes."""
