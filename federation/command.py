"""`make federate`: after the site is deployed, tell its followers what changed, then deliver.

python -m federation [--events <the built activitypub/events.json: a file or an address>]

By default it reads what is published (`KIOSQUE_FEDERATION_EVENTS`, else `<KIOSQUE_FEDERATION_URL>/activitypub/
events.json`), as the bridge's own reading does: both then see the same site. It works on the bridge's state
folder (`KIOSQUE_BRIDGE_STATE`, by default `.bridge`), so it runs where the bridge runs, as its user; a bridge
running there also retries what this leaves for later."""

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
        print(
            "make federate: KIOSQUE_FEDERATION_URL is not set: the site does not federate (README, 'The fediverse')",
            file=sys.stderr,
        )
        return 2
    try:
        federation = Federation(settings)
        published = federation.publish(arguments.events)
        outcome = federation.deliver()
    except (EventsUnreadable, ValueError) as error:
        print(f"make federate: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # the state folder: another user's, or not a folder
        print(
            f"make federate: {error.filename or settings.state} cannot be written ({error.strerror}): run it as "
            "the bridge's user, on its state folder (KIOSQUE_BRIDGE_STATE)",
            file=sys.stderr,
        )
        return 2
    if outcome.busy:
        print("the bridge is delivering now: it will deliver these too")
    print(
        f"{len(published.created)} new, {len(published.updated)} changed, {len(published.deleted)} removed; "
        f"{federation.followers.count()} followers; {outcome.delivered} delivered, {outcome.retried} to retry "
        f"later, {outcome.given_up} given up"
    )
    return 0
