"""The Hugo twin of a kiosque site: what a user choosing a static generator would compare kiosque with.

Every contribution is a Hugo page with the same Markdown body, its title, date, tags and categories, in a
section per kind (events, places, playlists, stories). Minimal templates, lists ten to a page (the home, each
section, each tag and category, the lists of tags and of categories), and Hugo's default RSS feeds. Debian's
`hugo` package builds it; `ensure_hugo` installs it when it is missing.

`make bench` compares kiosque with the twin without photos (the comparison the issue asked for: the same
Markdown bodies), so kiosque's side is a build whose photos are already converted. With `photos`, an event's
photo is in its page bundle and its page shows it as kiosque's does: 480, 960 and 1440 pixels wide, in WebP and
JPEG, quality 80 (`python -m bench.hugo --photos SITE TWIN`: Hugo's own conversion, measured once in
bench/README).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

import yaml

from .measure import Measure, timed
from .sites import Twin, twins

CONFIG = """baseURL = "https://hugo.example.org/"
languageCode = "fr"
defaultContentLanguage = "fr"
title = "Hugo twin"
timeZone = "Europe/Paris"
paginate = 10
buildFuture = true  # an agenda is mostly future events: Hugo leaves them out by default

[taxonomies]
  tag = "tags"
  category = "categories"

[imaging]
  quality = 80
"""

BASEOF = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04" }}">{{ .Date.Format "Monday 2 January 2006, 15:04" }}</time></p>
{{ with .Resources.GetMatch "photo.jpg" }}{{ $photo := . }}
<picture>
{{ range slice "webp" "jpg" }}{{ $format := . }}
<source type="image/{{ if eq $format "jpg" }}jpeg{{ else }}webp{{ end }}" srcset="
{{- range $i, $width := slice 480 960 1440 }}{{ if $i }}, {{ end }}
{{- ($photo.Resize (printf "%dx %s q80" $width $format)).RelPermalink }} {{ $width }}w{{ end }}">
{{ end }}
<img src="{{ ($photo.Resize "960x jpg q80").RelPermalink }}" alt="{{ $.Title }}">
</picture>
{{ end }}
{{ .Content }}
<ul>
{{ range .GetTerms "categories" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a></li>{{ end }}
</ul>
</article>
{{ end }}
"""

LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Date }}{{ if not .IsZero }}<time>{{ .Format "2 Jan 2006" }}</time>{{ end }}{{ end }}
<p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

HOME = """{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>
{{ range (.Paginate .Site.RegularPages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2 Jan 2006" }}</time><p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": LIST,
    "index.html": HOME,
}


class HugoMissing(RuntimeError):
    pass


def ensure_hugo() -> str:
    """The path of Hugo's program, installed from Debian's `hugo` package when it is missing."""
    found = shutil.which("hugo")
    if found:
        return found
    if os.geteuid() != 0:
        raise HugoMissing("Hugo is not installed and only root can install it: run `apt-get install hugo` first.")
    quiet = {"check": True, "stdout": subprocess.DEVNULL, "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
    subprocess.run(["apt-get", "update"], **quiet)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "hugo"], **quiet)
    return shutil.which("hugo") or "/usr/bin/hugo"


def version() -> str:
    """Hugo's version, as the table's machine line gives it."""
    output = subprocess.run([ensure_hugo(), "version"], capture_output=True, text=True, check=True).stdout
    return "Hugo " + output.split()[1].removeprefix("v").split("+")[0]


def page(twin: Twin) -> str:
    """The page of one contribution: YAML front matter, then its body."""
    fields = {"title": twin.title, "date": twin.date.replace(" ", "T") + ":00", "slug": twin.stem}
    if twin.tags:
        fields["tags"] = twin.tags
    if twin.categories:
        fields["categories"] = twin.categories
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n{twin.body}"


def write_twin(kiosque: Path, hugo: Path, photos: bool = False) -> None:
    """The Hugo site of every contribution of the kiosque site at `kiosque`; with `photos`, each event's photo
    in its page bundle (linked, not copied), which Hugo then converts."""
    hugo.mkdir(parents=True, exist_ok=True)
    (hugo / "config.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = hugo / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for twin in twins(kiosque):
        if photos and twin.photo:
            bundle = hugo / "content" / twin.kind / twin.stem
            bundle.mkdir(parents=True, exist_ok=True)
            os.link(twin.photo, bundle / "photo.jpg")
            target = bundle / "index.md"
        else:
            target = hugo / "content" / twin.kind / f"{twin.stem}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(twin), encoding="utf-8")


def build(hugo: Path, log: str, fresh: bool = True) -> Measure:
    """One Hugo build of the site at `hugo` into `public/`; `fresh`: without its output or its cache of
    processed images (`resources/`), as kiosque's full build starts without its own."""
    if fresh:
        for folder in ("public", "resources"):
            shutil.rmtree(hugo / folder, ignore_errors=True)
    command = [ensure_hugo(), "--source", str(hugo), "--destination", "public", "--quiet"]
    return timed(command, hugo, {}, hugo / log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hugo", description=__doc__.split("\n\n")[0])
    parser.add_argument("kiosque", type=Path, help="a site bench.generate wrote")
    parser.add_argument("twin", type=Path, help="the folder to write the Hugo twin in (emptied first)")
    parser.add_argument("--photos", action="store_true", help="with each event's photo, converted by Hugo")
    arguments = parser.parse_args(argv)
    shutil.rmtree(arguments.twin, ignore_errors=True)
    write_twin(arguments.kiosque, arguments.twin, arguments.photos)
    measure = build(arguments.twin, "full.log")
    print(f"Hugo: {measure.seconds:.1f} s (CPU {measure.cpu:.1f} s), {measure.peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
