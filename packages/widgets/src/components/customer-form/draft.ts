import type { Customer, CustomerUpdateParams } from '../../client.js';

/**
 * What the form holds while the operator types: every control's value by its name, which is
 * the field's path on the wire (`address.suburb`, `birthday.day`). Kept in the element, so a
 * rejected save, a re-render or a conflict never loses a keystroke.
 */
export type Draft = Record<string, string | string[] | boolean>;

export const TEXT_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'mobile',
  'phone',
  'spouse_name',
  'ring_size',
  'wrist_size',
  'preferred_metal',
  'gold_preference',
] as const;
export const ADDRESS_PARTS = ['line1', 'line2', 'suburb', 'state', 'postcode', 'country'] as const;
export const DATE_FIELDS = ['birthday', 'anniversary', 'spouse_birthday'] as const;
export const CONSENTS = ['email', 'sms'] as const;

/** Other systems offered even before the customer has an id there (more show once set). */
export const EXTERNAL_SYSTEMS = ['pos', 'shopify'] as const;
const EXTERNAL = 'external_ids.';

/** The systems the form shows for `draft`, in a stable order. */
export const externalSystems = (draft: Draft): string[] =>
  Object.keys(draft)
    .filter((key) => key.startsWith(EXTERNAL))
    .map((key) => key.slice(EXTERNAL.length));

/** The tags offered as toggles; `VIP` also sets `is_vip`. */
export const CANONICAL_TAGS = ['VIP', 'Wholesale', 'Trade', 'Regular'] as const;

const isVip = (tag: string) => tag.toUpperCase() === 'VIP';

/** A customer (or nothing, for a new one) as the form's values. */
export function toDraft(customer: Customer | null, country = ''): Draft {
  const draft: Draft = {};
  for (const name of TEXT_FIELDS) draft[name] = customer?.[name] ?? '';
  for (const part of ADDRESS_PARTS) draft[`address.${part}`] = customer?.address?.[part] ?? '';
  if (!customer?.address?.country) draft['address.country'] = country;
  for (const name of DATE_FIELDS) {
    const [, year = '', month = '', day = ''] =
      /^(\d{4}|-)-(\d\d)-(\d\d)$/.exec(customer?.[name] ?? '') ?? [];
    draft[`${name}.year`] = year === '-' ? '' : year;
    draft[`${name}.month`] = month;
    draft[`${name}.day`] = day;
  }
  draft.allergies = customer?.allergies ?? [];
  const tags = customer?.tags ?? [];
  // A customer flagged VIP without the tag still shows the VIP toggle on.
  draft.tags = customer?.is_vip && !tags.some(isVip) ? ['VIP', ...tags] : tags;
  for (const channel of CONSENTS) {
    draft[`marketing_consent.${channel}`] = customer?.marketing_consent[channel]?.granted ?? false;
  }
  const ids = customer?.external_ids ?? {};
  for (const system of new Set([...EXTERNAL_SYSTEMS, ...Object.keys(ids).sort()])) {
    draft[`${EXTERNAL}${system}`] = ids[system] ?? '';
  }
  return draft;
}

const text = (draft: Draft, name: string) => String(draft[name] ?? '').trim() || null;

/** A date's wire form: `YYYY-MM-DD`, `--MM-DD` without a year, null when empty. */
export function draftDate(draft: Draft, name: string): string | null | undefined {
  const day = text(draft, `${name}.day`);
  const month = text(draft, `${name}.month`);
  if (!day && !month) return null;
  // Half a date: the form says so before sending (undefined), the server would refuse it too.
  if (!day || !month) return undefined;
  return `${text(draft, `${name}.year`) ?? '-'}-${month}-${day}`;
}

/** The request body for every field, as the form holds it (dates already checked complete). */
export function toBody(draft: Draft): CustomerUpdateParams {
  const body: Record<string, unknown> = {};
  for (const name of TEXT_FIELDS) body[name] = text(draft, name);
  const address = Object.fromEntries(
    ADDRESS_PARTS.map((part) => [part, text(draft, `address.${part}`)]),
  );
  // The country alone is the form's default, not an address.
  body.address = ADDRESS_PARTS.some((part) => part !== 'country' && address[part]) ? address : null;
  for (const name of DATE_FIELDS) body[name] = draftDate(draft, name) ?? null;
  body.allergies = draft.allergies;
  body.tags = draft.tags;
  body.is_vip = (draft.tags as string[]).some(isVip);
  body.marketing_consent = Object.fromEntries(
    CONSENTS.map((channel) => [
      channel,
      { granted: draft[`marketing_consent.${channel}`] === true },
    ]),
  );
  // Every system the form shows, `null` where empty (which removes an id on an edit).
  body.external_ids = Object.fromEntries(
    externalSystems(draft).map((system) => [system, text(draft, `${EXTERNAL}${system}`)]),
  );
  return body as CustomerUpdateParams;
}

/** A new customer's body: what was filled in, and only the consents given. */
export function createBody(draft: Draft): CustomerUpdateParams {
  const body = toBody(draft) as Record<string, unknown>;
  const consent = body.marketing_consent as Record<string, { granted: boolean }>;
  for (const channel of CONSENTS) if (!consent[channel]?.granted) delete consent[channel];
  body.external_ids = withoutEmpty(body.external_ids as Record<string, string | null>);
  return Object.fromEntries(
    Object.entries(body).filter(
      ([, value]) =>
        value !== null &&
        value !== false &&
        !(Array.isArray(value) && !value.length) &&
        !(typeof value === 'object' && !Array.isArray(value) && !Object.keys(value).length),
    ),
  ) as CustomerUpdateParams;
}

/**
 * Only what the operator changed against `base`: an edit sends no field it didn't touch, so
 * it can't overwrite a change someone else saved to another field meanwhile. A consent is
 * sent only when it changed, so its recorded who and when stay.
 */
export function changedFields(draft: Draft, base: Draft): CustomerUpdateParams {
  const mine = toBody(draft) as Record<string, unknown>;
  const before = toBody(base) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(mine)) {
    if (key === 'external_ids') {
      // Only the systems the operator changed: another's id saved meanwhile stays.
      const ids = value as Record<string, string | null>;
      const was = before[key] as Record<string, string | null>;
      const changed = withoutUnchanged(ids, was);
      if (Object.keys(changed).length) changes[key] = changed;
    } else if (key === 'marketing_consent') {
      const consent = Object.fromEntries(
        CONSENTS.filter(
          (c) => draft[`marketing_consent.${c}`] !== base[`marketing_consent.${c}`],
        ).map((c) => [c, { granted: draft[`marketing_consent.${c}`] === true }]),
      );
      if (Object.keys(consent).length) changes[key] = consent;
    } else if (JSON.stringify(value) !== JSON.stringify(before[key])) {
      changes[key] = value;
    }
  }
  return changes as CustomerUpdateParams;
}

const withoutEmpty = (ids: Record<string, string | null>) =>
  Object.fromEntries(Object.entries(ids).filter(([, id]) => id !== null));

const withoutUnchanged = (ids: Record<string, string | null>, was: Record<string, string | null>) =>
  Object.fromEntries(Object.entries(ids).filter(([system, id]) => id !== was[system]));

/** The control a server error's `path` lands on (`birthday` → its day select). */
export function controlFor(path: string): string {
  const [head = '', second] = path.split('.');
  if ((DATE_FIELDS as readonly string[]).includes(head)) return `${head}.day`;
  if (head === 'address' && second) return `address.${second}`;
  if (head === 'marketing_consent' && second) return `marketing_consent.${second}`;
  if (head === 'external_ids' && second) return `${EXTERNAL}${second}`;
  if (head === 'tags' || head === 'allergies' || head === 'is_vip')
    return head === 'is_vip' ? 'tags' : head;
  return head;
}
