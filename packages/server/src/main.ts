import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './core/config.js';
import { createServices } from './core/create-services.js';
import { migrate } from './core/db/migrate.js';
import { sweepIdempotencyKeys } from './core/middleware/idempotency.js';
import { drainAndClose } from './core/shutdown.js';
import { assertCanListen, assertMasterKeyOpensData, listenError } from './core/startup.js';
import { formatDemoBanner, seedDemoIfEmpty } from './pages/demo/seed.js';

/**
 * Starts the server: config → port check → Redis → database → migrations → master key check
 * → demo → platform key → listen. Settings that can't work stop it before it listens, with a
 * `ConfigError` naming the variable.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await assertCanListen(config.port, config.host);
  if (config.masterKeyNotice) process.stderr.write(`WARNING: ${config.masterKeyNotice}\n`);

  const services = await createServices(config);
  const applied = await migrate(services.db);
  if (applied.length > 0) services.logger.info('migrations applied', { applied });
  await assertMasterKeyOpensData(services.keyring, services.db).catch(async (error: unknown) => {
    await services.close();
    throw error;
  });

  // ── Demo tenant (src/pages/demo/) ──────────────────────────────────────────
  // On an empty database, a demo shop; its keys are printed once, like the platform key's.
  const baseUrl = `http://localhost:${config.port}`;
  const demo = await seedDemoIfEmpty(services, {
    allowedOrigins: [baseUrl, `http://127.0.0.1:${config.port}`],
  });
  if (demo) process.stdout.write(formatDemoBanner(demo, baseUrl));
  // ────────────────────────────────────────────────────────────────────────────

  const platformKey = await services.platformKeys.ensure(services.ids, services.clock.now());
  if (platformKey) {
    process.stdout.write(
      `\nPlatform key (shown once; only its hash is stored — set LOUPE_PLATFORM_KEY to choose your own):\n  ${platformKey}\n\n`,
    );
  }

  const app = createApp(services);
  // Resumes CSV imports an earlier process left unfinished, then watches for abandoned ones.
  services.workers.startAll();
  // Hourly, on every instance: the DELETE is idempotent, so instances needn't coordinate.
  const sweep = () =>
    sweepIdempotencyKeys(services.db, services.clock.now()).then(
      (deleted) => deleted > 0 && services.logger.info('idempotency keys swept', { deleted }),
      (error: unknown) =>
        services.logger.warn('idempotency sweep failed', { error: String(error) }),
    );
  setInterval(sweep, 60 * 60 * 1000).unref();
  const server = serve(
    { fetch: app.fetch, port: config.port, ...(config.host ? { hostname: config.host } : {}) },
    (info) => {
      const where =
        config.storage.engine === 'postgres' ? 'PostgreSQL' : (config.storage.dataDir ?? 'memory');
      process.stdout.write(
        `Loupe listening on http://${displayHost(config.host)}:${info.port} (data: ${where})\n`,
      );
    },
  );
  server.once('error', (error) => fail(listenError(error, config.port, config.host)));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info('shutting down', { signal });
    void drainAndClose(server as Server, services).then((code) => process.exit(code));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Where a browser on this machine reaches the server. */
function displayHost(host: string | null): string {
  if (!host || host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** A setting that can't work is one line naming the variable; anything else keeps its stack. */
function fail(error: unknown): never {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else {
    process.stderr.write(
      `Loupe failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}

main().catch(fail);
