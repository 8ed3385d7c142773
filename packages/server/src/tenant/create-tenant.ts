import { recordAudit } from '../audit/record.js';
import { generateApiKey, hashKey } from '../auth/keys.js';
import type { Role } from '../auth/permissions.js';
import type { Actor } from '../auth/principal.js';
import type { Queryable } from '../db/types.js';
import type { Services } from '../services.js';
import { normaliseTenantRow, TENANT_COLUMNS, type TenantSettings } from './settings.js';

/** Input for a new tenant. */
export interface NewTenant {
  name: string;
  currency?: string;
  country?: string | null;
  allowed_origins?: string[];
}

/** A new tenant with its first credentials; the keys are shown once and stored hashed. */
export interface CreatedTenant {
  tenant: TenantSettings;
  owner_key: string;
  publishable_key: string;
}

/**
 * Creates a tenant with its wrapped data key, an owner secret key and a publishable key, in
 * one transaction. Used by POST /v1/platform/tenants and by the demo seed.
 */
export async function createTenant(
  services: Pick<Services, 'db' | 'ids' | 'clock' | 'keyring'>,
  input: NewTenant,
  actor: Actor = { kind: 'system', id: null, name: 'system' },
): Promise<CreatedTenant> {
  const { db, ids, clock, keyring } = services;
  const id = ids('tenant');
  const now = clock.now();
  const wrappedKey = keyring.createWrappedKey(id);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<TenantSettings>(
      `INSERT INTO tenants (id, name, currency, country, allowed_origins, wrapped_data_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       RETURNING ${TENANT_COLUMNS}`,
      [
        id,
        input.name,
        input.currency ?? 'AUD',
        input.country ?? null,
        input.allowed_origins ?? [],
        wrappedKey,
        now,
      ],
    );
    const owner = await insertApiKey(tx, services, {
      tenantId: id,
      kind: 'secret',
      role: 'owner',
      name: 'Owner',
    });
    const publishable = await insertApiKey(tx, services, {
      tenantId: id,
      kind: 'publishable',
      role: null,
      name: 'Publishable',
    });
    await recordAudit(tx, ids, {
      tenantId: id,
      actor,
      action: 'tenant.created',
      entityType: 'tenant',
      entityId: id,
      changes: [],
      at: now,
    });
    return {
      tenant: normaliseTenantRow(rows[0]!),
      owner_key: owner.key,
      publishable_key: publishable.key,
    };
  });
}

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
