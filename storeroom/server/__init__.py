"""The HTTP server in front of the application: how `storeroom serve` runs uvicorn, and the bounds
on connections and request heads that uvicorn does not set by itself."""
