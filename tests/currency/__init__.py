"""Tests of storeroom.currency."""
