// NodeClientTests: between the README's writes and its query, wait until the three events are scored.
const waitFor = async (what, test) => {
    const until = Date.now() + 90000;
    let lastError = null;
    for (;;) {
        let done = false;
        try {
            done = await test();
        } catch (e) {
            // SQL over a map may fail while an unreadable value is still in it: that is what is waited out.
            lastError = e;
        }
        if (done) {
            return;
        }
        if (Date.now() > until) {
            throw new Error('timed out waiting for ' + what + (lastError ? '; the last try failed: ' + lastError : ''));
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
};
const count = async (query, params = []) => {
    for await (const row of await sql.execute(query, params)) {
        const value = Object.values(row)[0];
        return typeof value === 'number' ? value : value.toNumber();
    }
    return 0;
};
await waitFor('the predictions of e-1, e-2 and e-3',
    async () => (await count("SELECT COUNT(*) FROM predictions WHERE event_id IN ('e-1', 'e-2', 'e-3')")) === 3);
for (const query of JSON.parse(process.env.HATCHERY_README_QUERIES)) {
    let rows = 0;
    for await (const row of await sql.execute(query)) {
        rows++;
    }
    console.log('README query ok (' + rows + ' rows): ' + query);
}
