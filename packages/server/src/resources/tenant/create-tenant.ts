import { recordAudit } from '../../core/audit/record.js';
import type { Actor } from '../../core/auth/principal.js';
import {
  normaliseTenantRow,
  TENANT_COLUMNS,
  type TenantSettings,
} from '../../core/auth/tenant-settings.js';
import type { Services } from '../../core/services.js';
import { insertApiKey } from '../keys/store.js';

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
