// Every start, in UTC, that ical.js and node-ical give each series of each file between two instants, and
// those of them each gives as cancelled (an override with STATUS:CANCELLED is still an instance, RFC 5545).
// Arguments: from, to (ISO), then the files.
// Prints {file: {"ical.js": {uid: [...]}, "node-ical": {...}, "cancelled": {"ical.js": {uid: [...]}, ...}}}.
const fs = require('fs');
const ICAL = require('ical.js');
const nodeIcal = require('node-ical');

const [from, to, ...files] = process.argv.slice(1);
const [start, end] = [new Date(from), new Date(to)];

function icalJs(text, cancelled) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const found = {};
  const vevents = calendar.getAllSubcomponents('vevent');
  for (const vevent of vevents.filter(v => !v.hasProperty('recurrence-id'))) {
    const uid = vevent.getFirstPropertyValue('uid');
    const exceptions = vevents.filter(v => v !== vevent && v.getFirstPropertyValue('uid') === uid);
    const event = new ICAL.Event(vevent, {exceptions});
    const starts = found[uid] = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      const moment = details.startDate.toJSDate();
      if (moment > end) break;
      if (moment < start) continue;
      starts.push(moment.toISOString());
      if (details.item.component.getFirstPropertyValue('status') === 'CANCELLED') {
        (cancelled[uid] = cancelled[uid] || []).push(moment.toISOString());
      }
    }
  }
  return found;
}

function nodeIcalStarts(text, cancelled) {
  const found = {};
  for (const item of Object.values(nodeIcal.sync.parseICS(text))) {
    if (item.type !== 'VEVENT') continue;
    const starts = found[item.uid] = found[item.uid] || [];
    for (const instance of nodeIcal.expandRecurringEvent(item, {from: start, to: end})) {
      starts.push(instance.start.toISOString());
      if (instance.event.status === 'CANCELLED') {
        (cancelled[item.uid] = cancelled[item.uid] || []).push(instance.start.toISOString());
      }
    }
  }
  return found;
}

function reading(client, text, cancelled) {
  try {
    return client(text, cancelled);
  } catch (error) {
    return {error: String(error)};
  }
}

const result = {};
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const cancelled = {'ical.js': {}, 'node-ical': {}};
  result[file] = {
    'ical.js': reading(icalJs, text, cancelled['ical.js']),
    'node-ical': reading(nodeIcalStarts, text, cancelled['node-ical']),
    cancelled,
  };
}
process.stdout.write(JSON.stringify(result));
