import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './types.js';

/**
 * The folder holding `NNNN_name.sql` files, shipped with the package: three levels up from this
 * file when run from source (`src/core/db/`), one level up from the bundle (`dist/`).
 */
export const MIGRATIONS_DIR =
  [new URL('../../../migrations/', import.meta.url), new URL('../migrations/', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((dir) => existsSync(join(dir, '0001_core.sql'))) ??
  fileURLToPath(new URL('../../../migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** One migration file. */
export interface Migration {
  /** File name without `.sql`, e.g. `0001_core`; recorded in `schema_migrations`. */
  name: string;
  sql: string;
}

/** Reads the migration files in order. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => MIGRATION_FILE.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      name: file.replace(/\.sql$/, ''),
      sql: await readFile(new URL(file, `file://${dir.endsWith('/') ? dir : `${dir}/`}`), 'utf8'),
    })),
  );
}

/**
 * Applies every migration not yet recorded, each in its own transaction, under a
 * transaction-scoped advisory lock so two servers starting together don't both apply one.
 * The lock is keyed by schema, so test files migrating their own schemas don't wait on each
 * other. Returns the names applied.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const list = migrations ?? (await readMigrations());
  const applied: string[] = [];
  for (const migration of list) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query(
        `SELECT pg_advisory_xact_lock(hashtext('loupe:migrate:' || current_schema()))`,
      );
      // Created under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide.
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [
        migration.name,
      ]);
      if (done.rowCount > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
      return true;
    });
    if (didApply) applied.push(migration.name);
  }
  return applied;
}
