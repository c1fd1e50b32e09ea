"""Administration: the configuration keys the server has read, with their sources."""
