// NodeClientTests: every poison value a Node.js producer can write, then a good event and label after them.
const { GenericRecords, Fields } = require('hazelcast-client');
const wrongTime = { id: Fields.STRING, model: Fields.STRING, features: Fields.ARRAY_OF_FLOAT64, time_millis: Fields.FLOAT64 };
await events.set('p-float', GenericRecords.compact('hatchery.Event', wrongTime,
    { id: 'p-float', model: 'fraud', features: [10, 1, 0.5], time_millis: Date.now() }));
await sql.execute('SINK INTO events ("__key", id, model, time_millis) VALUES (?, ?, ?, ?)',
    ['p-sql', 'p-sql', 'fraud', Long.fromNumber(Date.now())]);
await events.set('p-object', { id: 'p-object', model: 'fraud', features: [10, 1, 0.5] });
await events.set('p-json', new HazelcastJsonValue(JSON.stringify({ id: 'p-json', model: 'fraud' })));
await events.set('p-large', new Event('p-large', 'fraud', new Array(200000).fill(0.5), Date.now()));
await events.set('p-unknown', new Event('p-unknown', 'no-such-model', [10, 1, 0.5], Date.now()));
await eventsJson.set('p-missing', new HazelcastJsonValue(JSON.stringify(
    { id: 'p-missing', model: 'fraud', features: { amount: 10, items: 1 }, time_millis: Date.now() })));
const wrongLabelTime = { event_id: Fields.STRING, model: Fields.STRING, label: Fields.STRING, time_millis: Fields.FLOAT64 };
await labels.set('e-3', GenericRecords.compact('hatchery.Label', wrongLabelTime,
    { event_id: 'e-3', model: 'fraud', label: 'yes', time_millis: Date.now() }));

await events.set('after', new Event('after', 'fraud', [10, 1, 0.1], Date.now()));
await labels.set('after', new Label('after', 'fraud', 'no', Date.now()));
await waitFor('the event after the poison to be scored',
    async () => (await count("SELECT COUNT(*) FROM predictions WHERE event_id = 'after'")) === 1);
await waitFor('the unreadable values to leave events and labels', async () =>
    (await count('SELECT COUNT(*) FROM events')) === 3 && (await count('SELECT COUNT(*) FROM labels')) === 3);
console.log(JSON.stringify({
    events: await count('SELECT COUNT(*) FROM events'),
    labels: await count('SELECT COUNT(*) FROM labels'),
    joined: await count('SELECT COUNT(*) FROM predictions p JOIN labels l ON l.event_id = p.event_id'),
}));
