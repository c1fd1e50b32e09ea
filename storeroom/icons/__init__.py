"""Icon packages shipped with the server (Tabler), and the font files they use."""
