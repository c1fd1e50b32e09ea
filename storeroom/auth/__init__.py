"""Who is calling: users, groups and rulesets, tokens, sessions, the identity and system-user
headers, and the guards that routes declare."""
