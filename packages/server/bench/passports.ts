/**
 * The public verify route's data (issue 14): passports issued in the bench tenant through the
 * same store functions as `POST /v1/passports` (a code claimed in the global directory, the
 * passport row), and the floor's table: each passport's public answer rendered once by
 * Loupe's own `readPublicPassport` and `JSON.stringify`, with its ETag, keyed by code.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../src/core/db/types.js';
import type { IdGenerator } from '../src/core/ids.js';
import { passportCodeFromRandom } from '../src/resources/passports/code.js';
import { bodyEtag } from '../src/resources/passports/public.js';
import { claimCode, insertPassport, readPublicPassport } from '../src/resources/passports/store.js';

/** How many passports the bench tenant holds (the verify figure rotates through them all). */
export const BENCH_PASSPORTS = 1_000;

const METALS = ['18ct yellow gold', '18ct white gold', 'Platinum 950', 'Sterling silver'];
const TYPES = ['Ring', 'Pendant', 'Earrings', 'Bracelet'];

/** Issues passports until the tenant holds `BENCH_PASSPORTS`; some with a transfer or a theft. */
async function issuePassports(db: Database, tenantId: string, ids: IdGenerator): Promise<void> {
  const { n } = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM passports WHERE tenant_id = $1', [
      tenantId,
    ])
  ).rows[0]!;
  if (n >= BENCH_PASSPORTS) return;
  await db.transaction(async (tx) => {
    for (let i = n; i < BENCH_PASSPORTS; i++) {
      const id = ids('passport');
      let code = passportCodeFromRandom(randomBytes(20));
      while (!(await claimCode(tx, code, tenantId, id))) {
        code = passportCodeFromRandom(randomBytes(20));
      }
      await insertPassport(tx, {
        tenantId,
        id,
        code,
        title: `${TYPES[i % TYPES.length]} no. ${i + 1}`,
        jewelleryType: TYPES[i % TYPES.length]!.toLowerCase(),
        description: 'Hand-finished in the bench workshop; hallmarked.',
        metal: METALS[i % METALS.length]!,
        stones: [
          {
            kind: 'diamond',
            shape: 'round brilliant',
            count: 1,
            carat: 0.5 + (i % 7) / 10,
            colour: 'F',
            clarity: 'VS1',
            cut: 'Excellent',
            lab: 'GIA',
            certificate_number: String(2_200_000_000 + i),
          },
        ],
        images: [],
        ownerEmail: `owner${i}@bench.example`,
        customerId: null,
        saleId: null,
        at: new Date(Date.now() - i * 3_600_000),
      });
      // One in ten has changed hands, one in fifty is reported stolen: answers of each shape.
      if (i % 10 === 0) {
        await tx.query(
          `UPDATE passports SET ownership_changes = 1, last_transfer_at = now() WHERE tenant_id = $1 AND id = $2`,
          [tenantId, id],
        );
      }
      if (i % 50 === 0) {
        await tx.query(
          `UPDATE passports SET status = 'reported_stolen' WHERE tenant_id = $1 AND id = $2`,
          [tenantId, id],
        );
      }
    }
  });
}

/**
 * Issues the bench passports if need be, renders the floor table again, and answers each
 * code's path with the exact body Loupe sends.
 */
export async function preparePassports(
  db: Database,
  tenantId: string,
  ids: IdGenerator,
): Promise<{ codes: string[]; bodies: Record<string, string> }> {
  await issuePassports(db, tenantId, ids);
  await db.exec(`
    CREATE TABLE IF NOT EXISTS bench_floor_passports (
      code text PRIMARY KEY, body text NOT NULL, etag text NOT NULL);
    TRUNCATE bench_floor_passports;`);
  const { rows } = await db.query<{ code: string }>(
    'SELECT code FROM passports WHERE tenant_id = $1 ORDER BY id',
    [tenantId],
  );
  const bodies: Record<string, string> = {};
  const codes: string[] = [];
  for (const { code } of rows) {
    const body = JSON.stringify(await readPublicPassport(db, code));
    await db.query('INSERT INTO bench_floor_passports (code, body, etag) VALUES ($1, $2, $3)', [
      code,
      body,
      bodyEtag(body),
    ]);
    bodies[`/v1/public/passports/${code}`] = body;
    codes.push(code);
  }
  await db.query('ANALYZE bench_floor_passports');
  return { codes, bodies };
}
