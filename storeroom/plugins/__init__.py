"""Action plugins found through the `storeroom.plugins` entry points."""
