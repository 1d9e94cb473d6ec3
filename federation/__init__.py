"""The agenda as a fediverse actor (`@agenda@<site>`): Mastodon, Mobilizon, Gancio or another kiosque follow it
and receive each new event, its changes and its removal.

- `settings.py`: `KIOSQUE_FEDERATION_*`, read once and checked;
- `keys.py`: the actor's RSA key, made once into the bridge's state folder (or given by the environment);
- `signatures.py`: HTTP Signatures as Mastodon sends them (draft-cavage, rsa-sha256, Digest, Date);
- `remote.py`: other servers' actors and keys, fetched through `network/guard.py` (bounded time and size);
- `documents.py`: what others read about the actor (WebFinger, actor, NodeInfo, followers, outbox);
- `followers.py`: who follows, kept in the state folder; `inbox.py`: what others send us;
- `publishing.py`: the built site's events compared with what was last federated, as activities;
- `delivery.py`: each activity to each follower's inbox through a spool, retried for a day;
- `command.py`: `make federate`.

The bridge serves the documents and the inbox (`bridge/federating.py`); the build writes the events
(`plugins/federating/`: `activitypub/events.json`).
"""
