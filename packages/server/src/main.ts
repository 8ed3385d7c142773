import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './core/config.js';
import { createServices } from './core/create-services.js';
import { migrate } from './core/db/migrate.js';
import { sweepIdempotencyKeys } from './core/middleware/idempotency.js';
import { formatDemoBanner, seedDemoIfEmpty } from './pages/demo/seed.js';

/** Starts the server: config → database → migrations → demo → platform key → listen. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (config.masterKeyNotice) process.stderr.write(`WARNING: ${config.masterKeyNotice}\n`);

  const services = await createServices(config);
  const applied = await migrate(services.db);
  if (applied.length > 0) services.logger.info('migrations applied', { applied });

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
  // Hourly, on every instance: the DELETE is idempotent, so instances needn't coordinate.
  const sweep = () =>
    sweepIdempotencyKeys(services.db, services.clock.now()).then(
      (deleted) => deleted > 0 && services.logger.info('idempotency keys swept', { deleted }),
      (error: unknown) =>
        services.logger.warn('idempotency sweep failed', { error: String(error) }),
    );
  setInterval(sweep, 60 * 60 * 1000).unref();
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    const where =
      config.storage.engine === 'postgres' ? 'PostgreSQL' : (config.storage.dataDir ?? 'memory');
    process.stdout.write(`Loupe listening on http://localhost:${info.port} (data: ${where})\n`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info('shutting down', { signal });
    // Stop accepting, let in-flight requests finish, then close the database.
    server.close(() => {
      services.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Loupe failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
