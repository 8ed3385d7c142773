import { readMigrations } from '../../core/db/migrate.js';
import type { Services } from '../../core/services.js';

/** One dependency's state: `ok`, `not_configured`, or what is wrong. */
export type CheckResult = 'ok' | 'not_configured' | string;

/** How long one check may take before it counts as down (a hung database must not hang /ready). */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Checks what a request needs: the database answers, every migration shipped with this build
 * is applied, and Redis answers when `REDIS_URL` is set. Checks run in parallel, each bounded.
 */
export async function checkReadiness(
  services: Pick<Services, 'db' | 'redis'>,
): Promise<Record<'database' | 'migrations' | 'redis', CheckResult>> {
  const { db, redis } = services;
  const [database, migrations, redisState] = await Promise.all([
    bounded(async () => {
      await db.query('SELECT 1');
      return 'ok';
    }),
    bounded(async () => {
      const [{ rows }, shipped] = await Promise.all([
        db.query<{ name: string }>('SELECT name FROM schema_migrations'),
        readMigrations(),
      ]);
      const applied = new Set(rows.map((r) => r.name));
      const missing = shipped.filter((m) => !applied.has(m.name)).map((m) => m.name);
      return missing.length === 0 ? 'ok' : `not applied: ${missing.join(', ')}`;
    }),
    redis
      ? bounded(async () => {
          await redis.ping();
          return 'ok';
        })
      : Promise.resolve('not_configured'),
  ]);
  return { database, migrations, redis: redisState };
}

async function bounded(check: () => Promise<CheckResult>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().catch((error: unknown) => describeFailure(error)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error's code or message; never a connection string. */
function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return `unavailable (${code})`;
  return `unavailable (${error instanceof Error ? error.message : String(error)})`;
}
