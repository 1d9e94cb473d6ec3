"""Photos for the synthetic site: what a contributor's phone picture weighs once sent through a messaging app
or a form (1600×1200 JPEG, a few hundred kilobytes), each one different, so that the build converts every one.

Drawn from the seed (a sky-like gradient, shapes and grain), never downloaded."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1600, 1200)


def photo(rng: random.Random) -> bytes:
    top = tuple(rng.randrange(40, 220) for _ in range(3))
    bottom = tuple(rng.randrange(20, 200) for _ in range(3))
    small = (SIZE[0] // 4, SIZE[1] // 4)  # drawn small and blurred, then enlarged: soft like a photo, and quick
    gradient = Image.linear_gradient("L").resize(small)
    picture = Image.composite(Image.new("RGB", small, bottom), Image.new("RGB", small, top), gradient)
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(6, 14)):
        x, y = rng.randrange(small[0]), rng.randrange(small[1])
        radius = rng.randrange(10, 100)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(2)).resize(SIZE, Image.Resampling.BILINEAR)
    grain = Image.frombytes("L", SIZE, rng.randbytes(SIZE[0] * SIZE[1])).convert("RGB")  # from the seed too
    picture = Image.blend(picture, grain, 0.06)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()
