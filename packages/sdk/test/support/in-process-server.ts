/**
 * Runs the real Loupe server in this process through the server's own test harness (a fresh
 * in-memory PGlite per file, or a fresh PostgreSQL schema with `LOUPE_TEST_ENGINE=postgres`),
 * and hands the SDK a `fetch` that calls the Hono app directly: every byte the SDK sends goes
 * through the server's real middleware, validation, SQL and error handling, with no port.
 */
import {
  createTestContext,
  TEST_PLATFORM_KEY,
  type TestContextOptions,
} from '../../../server/test/harness.js';
import { createLoupe, type Loupe } from '../../src/index.js';

/** The platform key the in-process server accepts. */
export const PLATFORM_KEY = TEST_PLATFORM_KEY;

/** The origin the app is addressed by; requests never leave the process. */
export const SERVER_URL = 'http://loupe.internal';

export interface InProcessServer {
  /** Pass to `createLoupe({ fetch })`. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

/**
 * `env`: server settings for this file, e.g. `LOUPE_MAIL_WEBHOOK_SECRET`; `beforeApp` may add
 * a background worker the test waits on.
 */
export async function startInProcessServer(
  env: Record<string, string> = {},
  options: Pick<TestContextOptions, 'beforeApp'> = {},
): Promise<InProcessServer> {
  const context = await createTestContext({ env, ...options });
  return {
    fetch: async (input, init) =>
      context.app.request(input instanceof URL ? input.href : input, init),
    close: () => context.close(),
  };
}

/** A client holding the owner key of a new tenant on the in-process server. */
export async function newTenantClient(server: InProcessServer, name: string): Promise<Loupe> {
  const platform = createLoupe({ baseUrl: SERVER_URL, apiKey: PLATFORM_KEY, fetch: server.fetch });
  const created = await platform.platform.tenants.create({ name, currency: 'AUD' });
  return createLoupe({ baseUrl: SERVER_URL, apiKey: created.owner_key, fetch: server.fetch });
}
