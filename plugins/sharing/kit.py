"""The social media kit (/share/<event>/, /share/) and the share links of event, story and playlist pages."""


def connect() -> None:
    """Wire the kit's pages into the build."""
