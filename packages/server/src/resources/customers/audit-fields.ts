import { FIELD_LIST } from './fields.js';
import { type CustomerState, EMPTY_STATE } from './store.js';

/** Customer fields compared for the audit log, in the order history shows them. */
export const AUDITED_FIELDS = Object.keys(EMPTY_STATE) as (keyof CustomerState)[];

/** Encrypted at rest, so the audit log records that they changed but not their values. */
export const REDACTED_FIELDS: ReadonlySet<string> = new Set(
  FIELD_LIST.filter(([, f]) => f.stored === 'pii').map(([name]) => name),
);
