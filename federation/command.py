"""`make federate`: after the site is built (or deployed), tell its followers what changed, then deliver.

python -m federation [--events output/activitypub/events.json]

It works on the bridge's state folder (`KIOSQUE_BRIDGE_STATE`, by default `.bridge`), as the bridge does, so it
runs where the bridge runs; a bridge running there also retries what this leaves for later."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .publishing import EventsUnreadable
from .service import Federation
from .settings import FederationSettingError, FederationSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make federate", description=__doc__.splitlines()[0])
    parser.add_argument("--events", help="the built site's activitypub/events.json (a file or an address)")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    state = Path(os.environ.get("KIOSQUE_BRIDGE_STATE") or ".bridge")
    try:
        settings = FederationSettings.from_environment(state)
    except FederationSettingError as error:
        print(f"make federate: {error}", file=sys.stderr)
        return 2
    if settings is None:
        print("make federate: KIOSQUE_FEDERATION_URL is not set: the site does not federate (README, 'The fediverse')")
        return 2
    events = arguments.events or os.environ.get("KIOSQUE_FEDERATION_EVENTS") or "output/activitypub/events.json"
    try:
        federation = Federation(settings)
        published = federation.publish(events)
    except (EventsUnreadable, ValueError) as error:
        print(f"make federate: {error}", file=sys.stderr)
        return 2
    outcome = federation.deliver()
    print(
        f"{len(published.created)} new, {len(published.updated)} changed, {len(published.deleted)} removed; "
        f"{federation.followers.count()} followers; {outcome.delivered} delivered, {outcome.retried} to retry "
        f"later, {outcome.given_up} given up"
    )
    return 0
