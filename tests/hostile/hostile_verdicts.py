"""What `make check` said of each file of a hostile site, and whether the build did the same: the reading of
the check's printed lines (problems, notes, counts) and the list of every disagreement, in words."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import yaml
from hostile_sites import HostileSite, Planned, page_of

from contributions.checking import messages

LANGUAGE = "fr"  # the sample settings' DEFAULT_LANG, which the hostile sites keep
_LINE = re.compile(r"(content/.*?):(\d+): (.*)", re.S)
_NOTATION = re.compile(
    r"⟨[^⟩]{1,12}⟩|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\[ntr0]|<U\+[0-9A-F]{4,6}>|U\+[0-9A-F]{4,6}"
)
# What a message line may not hold: line breaks, control characters, lone surrogates, non-characters,
# and the marks that reverse or isolate the text after them.
PYTHON_WORDS = ("None", "['", "{'", "Traceback", "<class '", "object at 0x")


_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def forbidden_characters(line: str) -> list[str]:
    return sorted({f"U+{ord(character):04X}" for character in _FORBIDDEN.findall(line)})


def _template(code: str) -> re.Pattern:
    """A count line of `make check` (its numbers left open)."""
    wording = messages.sentences(LANGUAGE)[code]
    return re.compile(re.sub(r"\\\{\w+\\\}", r"\\d+", re.escape(wording)))


SUMMARIES = [_template(code) for code in ("summary_problems", "summary_notes", "summary_ok")]
NOTE = messages.sentences(LANGUAGE)["unpublished"].split(":")[0] + ":"  # "remarque :"


def is_note(message: str) -> bool:
    """A note (what publishing changes, not blocking), with or without the field it is about."""
    return message.startswith(NOTE) or message.split(": ", 1)[-1].startswith(NOTE)


@dataclass
class Verdicts:
    """The check's output of one site, file by file."""

    problems: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    strays: list[str] = field(default_factory=list)  # lines that are neither path:line: nor a count
    unknown: list[str] = field(default_factory=list)  # path:line: lines naming no file of the site

    def refused(self, path: str) -> bool:
        return path in self.problems


def _key(path: str) -> str:
    """A path as shown, without its characters' visible notations nor the characters themselves."""
    return "".join(c for c in _NOTATION.sub("", path) if c.isprintable())


def read_verdicts(site: HostileSite, lines: list[str] | None = None) -> Verdicts:
    verdicts = Verdicts()
    by_key = defaultdict(list)
    for path in site.planned:
        by_key[_key(path)].append(path)
    for line in site.check_lines if lines is None else lines:
        match = _LINE.fullmatch(line)
        if not match:
            if not any(summary.fullmatch(line) for summary in SUMMARIES):
                verdicts.strays.append(line)
            continue
        shown, number, message = match[1], int(match[2]), match[3]
        path = shown if shown in site.planned else (by_key.get(_key(shown)) or [None])[0]
        if path is None:
            verdicts.unknown.append(line)
            continue
        (verdicts.notes if is_note(message) else verdicts.problems)[path].append((number, message))
    return verdicts


def described(planned: Planned) -> str:
    if planned.entry is None:
        return f"{planned.path} (special file '{planned.case}')"
    role = "" if planned.primary else ", the file showing it"
    entry = planned.entry
    return f"{planned.path} ({entry.key} in {planned.field}{role}; {entry.source}: {entry.yaml[:70]!r})"


def _lines_in(site: HostileSite, path: str) -> int:
    try:
        data = (site.root / path).read_bytes()
    except OSError:
        return 0
    return max(data.count(b"\n"), data.count(b"\r")) + 1


def agreement_failures(sites: list[HostileSite], chosen=lambda planned: True) -> list[str]:
    """Every way the check and the build disagree on the chosen files: crashes, a file accepted but not
    published (or without its calendar entry), a file refused without a located message or published."""
    failures = []
    for site in sites:
        verdicts = read_verdicts(site)
        for crash in site.crashes:
            planned = site.planned.get(crash.culprit or "")
            if planned is None and not any(chosen(p) for p in site.planned.values()):
                continue
            if planned is None or chosen(planned):
                what = described(planned) if planned else "a file the traceback does not name"
                failures.append(f"{crash.phase} crashed on {what}: {crash.error}")
        if site.check_status is None or not site.built:
            chosen_here = [p for p in site.planned.values() if chosen(p)]
            if chosen_here:
                failures.append(
                    f"site {site.name}: {'make check' if site.check_status is None else 'make html'} never "
                    f"completed; {len(chosen_here)} chosen file(s) could not be looked at"
                )
            continue
        for path, planned in site.planned.items():
            if path in site.quarantined or not chosen(planned):
                continue
            page = page_of(path)
            published = page is not None and (site.output / page / "index.html").is_file()
            if verdicts.refused(path):
                for number, message in verdicts.problems[path]:
                    if not 1 <= number <= _lines_in(site, path):
                        failures.append(
                            f"make check names line {number} of {described(planned)}, which has "
                            f"{_lines_in(site, path)} lines: {message[:100]}"
                        )
                if published:
                    failures.append(f"make check refused {described(planned)} but the build published {page}")
            else:
                if not published:
                    failures.append(f"make check accepted {described(planned)} but the build left out {page}")
                elif planned.dated and not (site.output / page / "event.ics").is_file():
                    failures.append(
                        f"make check accepted {described(planned)} but the build wrote no calendar "
                        f"entry {page}event.ics"
                    )
    return failures


def _owner(site: HostileSite, line: str) -> Planned | None:
    """The file a message line names."""
    match = _LINE.fullmatch(line)
    if not match:
        return None
    shown = match[1]
    if shown in site.planned:
        return site.planned[shown]
    if not hasattr(site, "_keys"):
        site._keys = {_key(path): planned for path, planned in site.planned.items()}
    return site._keys.get(_key(shown))


@functools.cache
def _forms(planned: Planned) -> list[str]:
    """The file's string as written in YAML, as read back, and in a description."""
    yaml_text, text = planned.entry.written(planned.number)
    forms = [yaml_text, text or ""]
    try:
        read = yaml.safe_load("v: " + yaml_text)["v"]
        if isinstance(read, str):
            forms.append(read)
    except Exception:  # not YAML a reader takes: the check says so, and quotes what it can
        pass
    return [form for form in forms + [form.strip() for form in forms] if form]


def _without_the_string(line: str, planned: Planned | None) -> str:
    """The line without the file's own string where it quotes it (whole, or cut short), nor the file's path:
    a payload may itself say None or ['."""
    if planned is None:
        return line
    line = line.replace(planned.path, "")
    if planned.entry is None:
        return line
    for form in sorted(_forms(planned), key=len, reverse=True):
        shortest = min(len(form), 12)
        if form[:shortest] not in line:
            continue
        low, high = shortest, len(form)  # the longest start of the string the line quotes
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if form[:middle] in line else (low, middle - 1)
        line = line.replace(form[:low], "")
    return line


def _python_words(line: str, planned: Planned | None) -> list[str]:
    """Python's words in a message, outside the file's own string."""
    kept = _without_the_string(line, planned)
    return [word for word in PYTHON_WORDS if word in kept]


def message_failures(sites: list[HostileSite]) -> list[str]:
    """Every printed line that is not one plain line naming its file: line breaks and control characters,
    Python's words, tracebacks, lines without `path:line:`, lines naming no file."""
    failures = []
    for site in sites:
        verdicts = read_verdicts(site)
        failures += [f"make check printed a line without path:line: {line[:160]!r}" for line in verdicts.strays]
        failures += [f"make check names a file that is not in the site: {line[:160]!r}" for line in verdicts.unknown]
        failures += [f"make check wrote besides its report: {line[:160]!r}" for line in site.check_other]
        printed = [("make check", line) for line in site.check_lines] + [("make html", line) for line in site.warnings]
        for source, line in printed:
            planned = _owner(site, line)
            if bad := forbidden_characters(line):
                failures.append(f"{source} printed {', '.join(bad)} in a message line: {line[:160]!r}")
            if words := _python_words(line, planned):
                failures.append(f"{source} printed Python's {' and '.join(map(repr, words))}: {line[:160]!r}")
        failures += [
            f"make html warned without path:line: {line[:160]!r}" for line in site.warnings if not _LINE.fullmatch(line)
        ]
    return failures


def report_failures(sites: list[HostileSite]) -> list[str]:
    """The build prints, as warnings, the problems `make check` printed (README: the same messages)."""
    failures = []
    for site in sites:
        if not site.built or site.check_status is None:
            continue

        def problems(lines, site=site):  # called at once, for this site
            return {
                line
                for line in lines
                if (m := _LINE.fullmatch(line))
                and not is_note(m[3])
                and (_owner(site, line) is None or _owner(site, line).path not in site.quarantined)
            }

        checked, built = problems(site.check_lines), problems(site.warnings)
        failures += [f"make check printed it, make html did not: {line[:160]!r}" for line in sorted(checked - built)]
        failures += [f"make html printed it, make check did not: {line[:160]!r}" for line in sorted(built - checked)]
    return failures
