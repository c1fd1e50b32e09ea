"""Currency exchange rates per tenant, from the ECB feed or manual rates."""
