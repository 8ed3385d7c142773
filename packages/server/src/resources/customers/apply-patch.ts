import type { Actor } from '../../core/auth/principal.js';
import { createIdGenerator, type IdGenerator } from '../../core/ids.js';
import { addressAlias, withDefaultParts } from './addresses/list.js';
import { syncVip } from './normalise.js';
import type { Address, Consent, CustomerWritable } from './schemas.js';
import type { CustomerState } from './store.js';

/** Address ids when the caller brings no generator (the app injects its own). */
const newIds = createIdGenerator();

const EMPTY_ADDRESS: Address = {
  line1: null,
  line2: null,
  suburb: null,
  state: null,
  postcode: null,
  country: null,
};

/**
 * Applies a create or PATCH body to a customer's state. Scalars are replaced; `address` is
 * merged key by key into the default of `addresses` (send `null` to remove it); each
 * `marketing_consent` channel is replaced, stamped with now and the caller unless given;
 * `external_ids` are merged system by system (`null` removes one);
 * `tags` and `is_vip` are kept in step. Pure: the caller supplies the time, actor and (for a new address) the ids.
 */
export function applyPatch(
  state: CustomerState,
  patch: CustomerWritable,
  ctx: { actor: Actor; now: Date; ids?: IdGenerator },
): CustomerState {
  const next: CustomerState = { ...state };
  for (const [field, value] of Object.entries(patch) as [keyof CustomerWritable, unknown][]) {
    if (value === undefined) continue;
    switch (field) {
      case 'address': {
        const address = patch.address
          ? compactAddress({ ...EMPTY_ADDRESS, ...state.address, ...patch.address })
          : null;
        next.addresses = withDefaultParts(state.addresses, address, () =>
          (ctx.ids ?? newIds)('address'),
        );
        next.address = addressAlias(next.addresses);
        break;
      }
      case 'marketing_consent': {
        const consent = { ...state.marketing_consent };
        for (const channel of ['email', 'sms'] as const) {
          const given = patch.marketing_consent?.[channel];
          if (given === undefined) continue;
          consent[channel] = given === null ? null : stampConsent(given, ctx);
        }
        next.marketing_consent = consent;
        break;
      }
      case 'external_ids': {
        const ids = { ...state.external_ids };
        for (const [system, id] of Object.entries(patch.external_ids ?? {})) {
          if (id === null) delete ids[system];
          else ids[system] = id;
        }
        next.external_ids = ids;
        break;
      }
      case 'tags':
      case 'is_vip':
        break; // below, together
      case 'email':
        next.email = patch.email ?? null;
        break;
      default:
        (next as Record<string, unknown>)[field] = value;
    }
  }
  if (patch.tags !== undefined || patch.is_vip !== undefined) {
    const synced = syncVip(patch.tags ?? state.tags, patch.is_vip);
    next.tags = synced.tags;
    next.is_vip = synced.is_vip;
  }
  if (
    next.suspension_end &&
    next.account_status === 'active' &&
    patch.account_status === 'active'
  ) {
    next.suspension_end = null;
  }
  return next;
}

function stampConsent(
  given: { granted: boolean; at?: string | undefined; by?: string | null | undefined },
  ctx: { actor: Actor; now: Date },
): Consent {
  return {
    granted: given.granted,
    at: new Date(given.at ?? ctx.now).toISOString(),
    by: given.by === undefined ? ctx.actor.name : given.by,
  };
}

/** An address with every part empty is no address. */
function compactAddress(address: Address): Address | null {
  return Object.values(address).some((v) => v !== null) ? address : null;
}
