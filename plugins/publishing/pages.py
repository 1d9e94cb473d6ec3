"""Writing a generator's own pages (agenda months, story indexes, share kits) through Pelican's writer, with
what every such page gets: its address as `url` (the theme's canonical address and language menu read it),
relative links when the site wants them, and the extra variables its generator names once."""

from __future__ import annotations

from collections.abc import Callable


def page_writer(generator, writer, **always) -> Callable[..., None]:
    """`write(save_as, template, **variables)` for `generator`'s pages; `always` goes to every page."""

    def write(save_as: str, template: str, **variables) -> None:
        writer.write_file(
            save_as,
            generator.get_template(template),
            generator.context,
            relative_urls=generator.settings["RELATIVE_URLS"],
            url=save_as.removesuffix("index.html"),
            **always,
            **variables,
        )

    return write
