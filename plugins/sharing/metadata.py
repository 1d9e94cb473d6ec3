"""Each page's description, canonical address and Open Graph preview."""


def connect() -> None:
    """Wire the metadata filters and globals into the build."""
