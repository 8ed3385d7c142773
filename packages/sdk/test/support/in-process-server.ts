/**
 * Runs the real Loupe server in this process, over an in-memory PGlite database, and hands
 * the SDK a `fetch` that calls the Hono app directly: every byte the SDK sends goes through
 * the server's real middleware, validation, SQL and error handling, with no port to open.
 */
import { createApp, createServices, loadConfig, migrate } from '../../../server/src/index.js';

/** The platform key the in-process server is configured with. */
export const PLATFORM_KEY = 'lpk_sdk_test_platform_key_0123456789';

/** An origin the app is addressed by; it never leaves the process. */
export const SERVER_URL = 'http://loupe.internal';

export interface InProcessServer {
  /** Pass to `createLoupe({ fetch })`. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

export async function startInProcessServer(): Promise<InProcessServer> {
  const config = loadConfig({
    LOUPE_DATA: 'memory',
    LOUPE_DEMO: '0',
    LOUPE_PLATFORM_KEY: PLATFORM_KEY,
    LOUPE_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
  });
  const services = await createServices(config);
  await migrate(services.db);
  const app = createApp(services);
  return {
    fetch: (input, init) =>
      Promise.resolve(app.request(input instanceof URL ? input.href : input, init)),
    close: () => services.close(),
  };
}
