"""``python -m brandlint``: the same CLI."""

from .cli import main

main()
