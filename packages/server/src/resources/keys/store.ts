import { generateApiKey, hashKey } from '../../core/auth/keys.js';
import type { Role } from '../../core/auth/permissions.js';
import type { Queryable } from '../../core/db/types.js';
import type { Services } from '../../core/services.js';

/** An api key as stored and listed (never the secret). */
export interface ApiKeyRow {
  id: string;
  kind: 'secret' | 'publishable';
  role: Role | null;
  branch_id: string | null;
  name: string | null;
  last4: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** Columns of `ApiKeyRow`. */
export const API_KEY_COLUMNS = 'id, kind, role, branch_id, name, last4, created_at, revoked_at';

/** Mints and stores a key; returns the row and the plaintext key (shown to the caller once). */
export async function insertApiKey(
  tx: Queryable,
  services: Pick<Services, 'ids' | 'clock'>,
  input: {
    tenantId: string;
    kind: 'secret' | 'publishable';
    role: Role | null;
    branchId?: string | null;
    name?: string | null;
  },
): Promise<{ row: ApiKeyRow; key: string }> {
  const key = generateApiKey(input.kind);
  const { rows } = await tx.query<ApiKeyRow>(
    `INSERT INTO api_keys (tenant_id, id, kind, role, branch_id, name, key_hash, last4, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING ${API_KEY_COLUMNS}`,
    [
      input.tenantId,
      services.ids('key'),
      input.kind,
      input.role,
      input.branchId ?? null,
      input.name ?? null,
      hashKey(key),
      key.slice(-4),
      services.clock.now(),
    ],
  );
  return { row: rows[0]!, key };
}
