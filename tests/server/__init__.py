"""Tests of `storeroom serve`: the HTTP server and its limits."""
