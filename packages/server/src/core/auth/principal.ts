import type { Permission, Role } from './permissions.js';
import type { TenantSettings } from './tenant-settings.js';

/** Who did something, as recorded in the audit log and shown in history. */
export interface Actor {
  kind: 'secret' | 'session' | 'platform' | 'system';
  id: string | null;
  name: string | null;
}

/** The operator calling /v1/platform. */
export interface PlatformPrincipal {
  kind: 'platform';
  actor: Actor;
  /** What rate limits and idempotency keys are scoped by. */
  scope: string;
}

/** A credential of one tenant: a secret or publishable key, or a session token. */
export interface TenantPrincipal {
  kind: 'secret' | 'publishable' | 'session';
  tenant: TenantSettings;
  /** null for publishable keys and customer sessions. */
  role: Role | null;
  permissions: ReadonlySet<Permission>;
  /** Limits the credential to customers of this branch (and those with no branch). */
  branchId: string | null;
  /** Set for a customer session: the only customer it may see. */
  customerId: string | null;
  /** The api key's id; null for sessions. */
  keyId: string | null;
  /** For a session: the id of the key that minted it (its requests count against that key). */
  mintedBy: string | null;
  actor: Actor;
  scope: string;
}

export type Principal = PlatformPrincipal | TenantPrincipal;
