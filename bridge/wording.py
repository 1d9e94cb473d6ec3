"""The bridge's own sentences (English; translations in bridge/translations/<lang>/LC_MESSAGES/messages.po).

Field labels are here because the schemas describe fields but do not name them for a form; what a field
means, its allowed values and whether it is required all come from the schemas.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Marks a sentence for the catalogue; it is translated where it is shown."""
    return text


LABELS = {
    "title": N_("Title"),
    "start": N_("Start"),
    "end": N_("End"),
    "place": N_("Place"),
    "place.name": N_("Name of a place not in the list"),
    "place.address.street": N_("Street and number"),
    "place.address.postal_code": N_("Postal code"),
    "place.address.city": N_("Town"),
    "online": N_("Online link"),
    "categories": N_("Kind of event"),
    "audience": N_("For whom"),
    "price.kind": N_("Price"),
    "price.amounts.0.amount": N_("Amount"),
    "accessibility": N_("Accessibility"),
    "organizer": N_("Organizer"),
    "booking.url": N_("Booking page"),
    "image": N_("Picture"),
    "image.alt": N_("What the picture shows"),
    "credit": N_("Your public name"),
    "artist": N_("Artist"),
    "album": N_("Album"),
    "year": N_("Year"),
    "duration": N_("Duration"),
    "links.0.url": N_("Where to listen to it"),
    "note": N_("Why this one"),
    "added_by": N_("Your public name"),
    "teller": N_("Teller"),
    "anonymous": N_("Anonymous"),
    "language": N_("Language"),
    "period": N_("Period"),
    "audio": N_("Recording"),
    "transcript": N_("Transcript"),
    "licence": N_("Licence"),
    "consent": N_("Consent"),
    "collected_by": N_("Collected by"),
    "body": N_("Description"),
    "contact": N_("Your e-mail address (optional)"),
}

HELP = {
    "body": N_("A few lines in plain text; Markdown is allowed (*italics*, **bold**, links)."),
    "contact": N_("Only the moderators see it, to ask you a question: it is never published."),
    "image": N_(
        "A JPEG, PNG or WebP picture of at most %(limit_mb)s MB. Its hidden details (GPS position, camera) are removed."
    ),
    "audio": N_("An MP3, Ogg, WAV, FLAC or M4A recording of at most %(limit_mb)s MB."),
    "place": N_("Choose a place of the site, or write the name and address of another place below."),
}

MESSAGES = {
    "upload_too_large": N_("This file is larger than %(limit_mb)s MB: send a smaller one."),
    "picture_type": N_("This file is not a picture the site can show: send a JPEG, PNG or WebP picture."),
    "picture_too_big": N_("This picture has too many pixels: send a smaller version of it."),
    "recording_type": N_("This file is not a recording the site can play: send an MP3, Ogg, WAV, FLAC or M4A file."),
    "contact_format": N_(
        "This does not look like an e-mail address: write it like name@example.org, or leave it empty."
    ),
    "unsafe": N_("This text cannot be written safely into a file: remove unusual characters and try again."),
    "csrf": N_("This form has expired or did not come from this site: it was opened again for you, send it once more."),
    "form_expired": N_("This form was opened too long ago: it was opened again for you, send it once more."),
    "too_fast": N_("This form was sent very quickly after it was opened: check it, then send it again."),
    "honeypot": N_("This submission cannot be accepted."),
    "rate_limited": N_("Many submissions came from your connection in a short time: try again in %(minutes)s minutes."),
    "too_large": N_("What you sent is too large: send smaller files (see the limits beside each file field)."),
    "not_found": N_("There is nothing at this address."),
    "expected_object": N_("Send a JSON object with the fields of the contribution."),
    "choose_again": N_("For your safety, files are not kept when a form comes back: choose them again."),
    "required": N_("This field is required."),
    "expected_base64": N_("Send each file as base64 text, under the name of its field (image, audio)."),
    "unexpected": N_(
        "Something went wrong on our side. If you were shown a receipt, your contribution is safe; "
        "otherwise, please try again in a moment."
    ),
    "check_below": N_("Some fields need your attention: each message is beside its field."),
}

STATES = {
    "received": N_("Received: it is kept safe and will be proposed to the moderators in a moment."),
    "failed": N_(
        "Received, kept safe: proposing it to the moderators failed for now and will be tried again automatically."
    ),
    "proposed": N_("Proposed to the moderators: they will read it before it is published."),
    "merged": N_("Accepted by the moderators: it will appear on the site with the next publication."),
    "closed": N_("Not accepted by the moderators."),
}

KINDS = {
    "event": N_("Propose an event"),
    "track": N_("Add a track to the playlist “%(parent)s”"),
    "story": N_("Tell a story in the collection “%(parent)s”"),
}
