"""The ASGI application for uvicorn, built from the environment's settings."""

from storeroom.app import create_app

app = create_app()
