"""The week's agenda by e-mail: `make digest` writes this week's newsletter issue as a message, `make send-digest`
sends it to the community's mailing list through its SMTP server. The list itself (who subscribes, who leaves)
is the community's own software (Listmonk, Sympa, Mailman...): kiosque sends one message, to the list's address.

- `settings.py`: `KIOSQUE_SMTP_*` and `KIOSQUE_DIGEST_*`, from the environment only, checked once;
- `issues.py`: which issue (week, filter) among those the build wrote in `output/newsletter/`;
- `reading.py`: what the issue's e-mail files say (subject, web address), and that they carry public addresses;
- `composing.py`: the issue as one multipart/alternative message (text and HTML);
- `sending.py`: the message handed to the SMTP server, every failure one sentence;
- `record.py`: what was sent (`cache/digest-sent.json`), so that a week is not sent twice;
- `command.py`: `make digest` and `make send-digest`.
"""
