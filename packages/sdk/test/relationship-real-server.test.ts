import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConflictError,
  createLoupe,
  type Loupe,
  NotFoundError,
  PermissionError,
  VersionConflictError,
} from '../src/index.js';
import {
  type InProcessServer,
  PLATFORM_KEY,
  SERVER_URL,
  startInProcessServer,
} from './support/in-process-server.js';

let server: InProcessServer;
let loupe: Loupe;
let ownerKey: string;
let customerId: string;

before(async () => {
  server = await startInProcessServer();
  const platform = createLoupe({ baseUrl: SERVER_URL, apiKey: PLATFORM_KEY, fetch: server.fetch });
  const created = await platform.platform.tenants.create({ name: 'Notes & Co', currency: 'AUD' });
  ownerKey = created.owner_key;
  loupe = createLoupe({ baseUrl: SERVER_URL, apiKey: ownerKey, fetch: server.fetch });
  customerId = (await loupe.customers.create({ first_name: 'Mei', last_name: 'Chen' })).id;
});
after(() => server.close());

async function staffClient(staffName: string): Promise<Loupe> {
  const { token } = await loupe.sessions.create({
    type: 'staff',
    role: 'staff',
    staff_name: staffName,
  });
  return createLoupe({ baseUrl: SERVER_URL, token, fetch: server.fetch });
}

describe('notes against the real server', () => {
  it('writes, pins, edits with If-Match, refuses another author and deletes', async () => {
    const sophie = await staffClient('Sophie');
    const note = await sophie.notes.create(customerId, { body: 'Prefers Saturdays.' });
    assert.equal(note.author.name, 'Sophie');
    const pinned = await sophie.notes.create(customerId, { body: 'Heads-up', pinned: true });

    const page = await loupe.notes.list(customerId);
    assert.deepEqual(
      page.data.map((n) => n.id),
      [pinned.id, note.id],
    );

    const edited = await sophie.notes.update(
      note.id,
      { body: 'Prefers Saturday mornings.' },
      { ifMatch: note.version },
    );
    assert.equal(edited.revisions.length, 2);
    const stale = await sophie.notes
      .update(note.id, { pinned: true }, { ifMatch: note.version })
      .catch((e: unknown) => e);
    assert.ok(stale instanceof VersionConflictError, String(stale));

    const tom = await staffClient('Tom');
    const refused = await tom.notes.delete(note.id).catch((e: unknown) => e);
    assert.ok(refused instanceof PermissionError, String(refused));
    assert.equal(refused.code, 'not_note_author');

    await sophie.notes.delete(note.id);
    const gone = await loupe.notes.retrieve(note.id).catch((e: unknown) => e);
    assert.ok(gone instanceof NotFoundError, String(gone));
  });

  it('lists upcoming dates in the tenant’s calendar', async () => {
    const inTenDays = new Date(Date.now() + 10 * 86_400_000);
    const md = inTenDays.toISOString().slice(5, 10);
    await loupe.customers.create({
      first_name: 'Ana',
      spouse_name: 'Leo',
      spouse_birthday: `--${md}`,
    });
    const page = await loupe.reminders.list({ within_days: 14 });
    const spouse = page.data.find((r) => r.kind === 'spouse_birthday');
    assert.equal(spouse?.person_name, 'Leo');
    assert.ok(spouse && spouse.days_away >= 9 && spouse.days_away <= 11);
    assert.equal(page.time_zone, 'UTC');
  });

  it('queues an email and lists it, and refuses a customer without an address', async () => {
    const withEmail = await loupe.customers.create({ first_name: 'Ivy', email: 'ivy@example.com' });
    const queued = await loupe.emails.send(withEmail.id, { subject: 'Hello', body: 'Hi <Ivy>' });
    assert.equal(queued.status, 'queued');
    assert.match(queued.body_html, /&lt;Ivy&gt;/);
    const page = await loupe.communications.list(withEmail.id);
    assert.equal(page.data[0]?.id, queued.id);
    const refused = await loupe.emails
      .send(customerId, { subject: 'Hello', body: 'Hi' })
      .catch((e: unknown) => e);
    assert.ok(refused instanceof ConflictError, String(refused));
    assert.equal(refused.code, 'customer_has_no_email');
  });
});
