"""`python -m storeroom` is the `storeroom` command."""

from storeroom.cli import main

main()
