// Every start, in UTC, that ical.js and node-ical give each series of each file between two instants.
// Arguments: from, to (ISO), then the files. Prints {file: {"ical.js": {uid: [...]}, "node-ical": {...}}}.
const fs = require('fs');
const ICAL = require('ical.js');
const nodeIcal = require('node-ical');

const [from, to, ...files] = process.argv.slice(1);
const [start, end] = [new Date(from), new Date(to)];

function icalJs(text) {
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
      const moment = event.getOccurrenceDetails(next).startDate.toJSDate();
      if (moment > end) break;
      if (moment >= start) starts.push(moment.toISOString());
    }
  }
  return found;
}

function nodeIcalStarts(text) {
  const found = {};
  for (const item of Object.values(nodeIcal.sync.parseICS(text))) {
    if (item.type !== 'VEVENT') continue;
    const starts = found[item.uid] = found[item.uid] || [];
    for (const instance of nodeIcal.expandRecurringEvent(item, {from: start, to: end})) {
      starts.push(instance.start.toISOString());
    }
  }
  return found;
}

function reading(client, text) {
  try {
    return client(text);
  } catch (error) {
    return {error: String(error)};
  }
}

const result = {};
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  result[file] = {'ical.js': reading(icalJs, text), 'node-ical': reading(nodeIcalStarts, text)};
}
process.stdout.write(JSON.stringify(result));
