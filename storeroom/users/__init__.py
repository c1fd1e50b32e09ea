"""The client-support endpoints: login and logout, API tokens, the current user."""
