"""Magic-link login emails sent over SMTP."""
