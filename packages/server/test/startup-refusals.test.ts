import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TenantKeyring } from '../src/core/crypto/tenant-keys.js';
import { migrate } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { createIdGenerator } from '../src/core/ids.js';
import { createTenant } from '../src/resources/tenant/create-tenant.js';
import { runServerToExit, startServer } from './spawn-server.js';

// Each case starts the real server process with one setting that can't work, and expects
// exit code 1 with one line on stderr that names the variable: no stack trace, no secret.

const PLATFORM_KEY = `lpk_${randomBytes(16).toString('hex')}`;
const base = {
  LOUPE_DATA: 'memory',
  LOUPE_PLATFORM_KEY: PLATFORM_KEY,
  LOUPE_MASTER_KEY: randomBytes(32).toString('base64'),
  LOUPE_DEMO: '0',
  PORT: '0',
  LOG_LEVEL: 'warn',
};

/** Asserts a refusal: exit 1, the last stderr line names `variable`, no stack trace. */
function assertRefused(
  result: { code: number | null; stderr: string },
  variable: string,
  detail: RegExp,
): void {
  const lines = result.stderr.trim().split('\n');
  const last = lines.at(-1) ?? '';
  assert.equal(result.code, 1, result.stderr);
  assert.match(last, new RegExp(`\\b${variable}: `), result.stderr);
  assert.match(last, detail, result.stderr);
  assert.doesNotMatch(result.stderr, /^\s+at /m, `no stack trace:\n${result.stderr}`);
}

describe('settings that cannot work stop the server', () => {
  it('refuses a LOUPE_PLATFORM_KEY without the lpk_ prefix, without printing it', async () => {
    const key = `sk_${randomBytes(16).toString('hex')}`;
    const result = await runServerToExit({ ...base, LOUPE_PLATFORM_KEY: key });
    assertRefused(result, 'LOUPE_PLATFORM_KEY', /must start with lpk_/);
    assert.ok(!result.stderr.includes(key), 'the key is not echoed');
  });

  it('refuses an all-zero LOUPE_MASTER_KEY', async () => {
    const key = Buffer.alloc(32).toString('base64');
    const result = await runServerToExit({ ...base, LOUPE_MASTER_KEY: key });
    assertRefused(result, 'LOUPE_MASTER_KEY', /one byte repeated/);
  });

  it('refuses LOUPE_DEMO=yes: the flag is 0, 1, true or false', async () => {
    const result = await runServerToExit({ ...base, LOUPE_DEMO: 'yes' });
    assertRefused(result, 'LOUPE_DEMO', /must be 0, 1, true or false/);
  });

  describe('a port already in use', () => {
    let blocker: Server;
    after(() => blocker?.close());
    it('is refused naming PORT, before the database is opened', async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as { port: number }).port;
      const result = await runServerToExit({ ...base, PORT: String(port), HOST: '127.0.0.1' });
      assertRefused(result, 'PORT', new RegExp(`${port} is already in use`));
      assert.doesNotMatch(result.stderr, /migrations applied/, 'refused before migrating');
    });
  });

  it('refuses a HOST that is not an address of this machine', async () => {
    const result = await runServerToExit({ ...base, HOST: '192.0.2.1' });
    assertRefused(result, 'HOST', /not an address of this machine/);
  });

  it('refuses an unreachable REDIS_URL, without printing its password', async () => {
    const result = await runServerToExit({
      ...base,
      REDIS_URL: 'redis://:hunter2secret@127.0.0.1:1',
    });
    assertRefused(result, 'REDIS_URL', /can't reach 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    assert.ok(!result.stderr.includes('hunter2secret'));
  });

  describe('a LOUPE_MASTER_KEY that does not open the existing data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-startup-'));
    const dataDir = join(dir, 'data');
    const rightKey = randomBytes(32);
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('is refused at start, before listening; the right key starts', async () => {
      const db = await openPglite({ dataDir });
      await migrate(db);
      await createTenant(
        {
          db,
          ids: createIdGenerator(),
          clock: { now: () => new Date() },
          keyring: new TenantKeyring(rightKey),
        },
        { name: 'Existing Jewellers' },
      );
      await db.close();

      const env = { ...base, LOUPE_DATA: dataDir };
      const wrong = await runServerToExit({
        ...env,
        LOUPE_MASTER_KEY: randomBytes(32).toString('base64'),
      });
      assertRefused(wrong, 'LOUPE_MASTER_KEY', /does not open the existing data/);
      assert.doesNotMatch(wrong.stdout, /listening/);

      const right = startServer({ ...env, LOUPE_MASTER_KEY: rightKey.toString('base64') });
      await right.waitForOutput(/Loupe listening on http:\/\/localhost:\d+/);
      right.child.kill('SIGTERM');
      assert.equal(await right.exited, 0, right.stderr());
    });
  });
});
