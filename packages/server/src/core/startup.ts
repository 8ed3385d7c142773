import { createServer } from 'node:net';
import { ConfigError } from './config.js';
import type { TenantKeyring } from './crypto/tenant-keys.js';
import type { Database } from './db/types.js';

/**
 * Checks, before the database is opened or migrated, that `HOST:PORT` can be bound, so a
 * port already in use is one clear line instead of a stack trace after migrations ran.
 * (Another process may still take the port before `listen`; `listenError` words that too.)
 */
export async function assertCanListen(port: number, host: string | null): Promise<void> {
  // Port 0 (any free port) still checks HOST.
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ port, ...(host ? { host } : {}), exclusive: true }, () => resolve());
  }).catch((error: unknown) => {
    throw listenError(error, port, host);
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** A `ConfigError` naming PORT or HOST for a failed bind; other errors pass through. */
export function listenError(error: unknown, port: number, host: string | null): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${host ?? 'every interface'} port ${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new ConfigError(
        `Loupe can't start: PORT: ${port} is already in use on ${host ?? 'this machine'}; stop the other server or choose another PORT`,
      );
    case 'EACCES':
      return new ConfigError(
        `Loupe can't start: PORT: not allowed to bind ${where} (ports below 1024 need privileges); choose another PORT`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError(
        `Loupe can't start: HOST: ${host} is not an address of this machine (${code})`,
      );
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Refuses a master key that can't open the stored data (the wrong `LOUPE_MASTER_KEY`, or a
 * lost key file regenerated beside an existing data folder). Run after migrations, before
 * the demo seed and before listening.
 */
export async function assertMasterKeyOpensData(
  keyring: TenantKeyring,
  db: Database,
): Promise<void> {
  const tenantId = await keyring.findUnopenable(db);
  if (tenantId === null) return;
  throw new ConfigError(
    `Loupe can't start: LOUPE_MASTER_KEY: this key does not open the existing data (tenant ${tenantId}'s data key fails to unwrap); start with the key the data was created with`,
  );
}
