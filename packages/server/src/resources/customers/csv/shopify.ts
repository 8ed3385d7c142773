/**
 * Shopify's own customer export (Customers → Export in the Shopify admin), imported as it is
 * (decision 0036). Both layouts Shopify has written are read: the current one (`Customer ID`,
 * `Default Address Address1`, …, `Default Address Province Code`) and the older one
 * (`Company`, `Address1`, `Province`, `Province Code`, `Country`, `Country Code`). A file is
 * Shopify's when every header is one of these and at least one is Shopify's alone.
 *
 * What goes where: `Customer ID` → `external_ids.shopify` (the storefront's app proxy finds the
 * customer by it); `Phone` → `mobile` (Shopify's SMS number) and `Default Address Phone` →
 * `phone`; the default address → `address` (province and country codes preferred over names);
 * `Tags` (comma-separated) → `tags`; `Accepts Email/SMS Marketing: yes` → consent given, `no`
 * → none recorded (never subscribed is not withdrawn, and a withdrawn consent would refuse
 * the shop's own repair-ready emails); `Note`, `Default Address Company` and `Tax Exempt: yes`
 * → `custom_fields.shopify_note`, `company`, `tax_exempt`. `Total Spent` and `Total Orders`
 * are read and left out: Loupe's figures come from its own sales.
 */
import type { CsvFieldError, RowConversion } from './rows.js';

/** Where a Shopify column's value goes. */
type ShopifyField =
  | 'customer_id'
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'email_consent'
  | 'sms_consent'
  | 'company'
  | 'line1'
  | 'line2'
  | 'suburb'
  | 'state'
  | 'state_name'
  | 'country'
  | 'country_name'
  | 'postcode'
  | 'address_phone'
  | 'phone'
  | 'note'
  | 'tax_exempt'
  | 'tags'
  | 'ignored';

/** Shopify's headers, lower-cased, in both layouts. */
const SHOPIFY_HEADERS: Readonly<Record<string, ShopifyField>> = {
  'customer id': 'customer_id',
  'first name': 'first_name',
  'last name': 'last_name',
  email: 'email',
  'accepts email marketing': 'email_consent',
  'accepts marketing': 'email_consent',
  'accepts sms marketing': 'sms_consent',
  'default address company': 'company',
  company: 'company',
  'default address address1': 'line1',
  address1: 'line1',
  'default address address2': 'line2',
  address2: 'line2',
  'default address city': 'suburb',
  city: 'suburb',
  'default address province code': 'state',
  'province code': 'state',
  province: 'state_name',
  'default address country code': 'country',
  'country code': 'country',
  country: 'country_name',
  'default address zip': 'postcode',
  zip: 'postcode',
  'default address phone': 'address_phone',
  phone: 'phone',
  'total spent': 'ignored',
  'total orders': 'ignored',
  note: 'note',
  'tax exempt': 'tax_exempt',
  tags: 'tags',
};

/** Headers no Loupe file has: one of them marks the file as Shopify's. */
const ONLY_SHOPIFY = new Set<ShopifyField>([
  'customer_id',
  'email_consent',
  'sms_consent',
  'tax_exempt',
  'ignored',
]);

/** A Shopify file's columns: each header as written and where its value goes. */
export interface ShopifyLayout {
  headers: string[];
  fields: ShopifyField[];
}

const normalise = (header: string) =>
  header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

/** The layout when the header row is Shopify's customer export, else null. */
export function shopifyLayout(headers: readonly string[]): ShopifyLayout | null {
  const fields = headers.map((h) => SHOPIFY_HEADERS[normalise(h)]);
  if (fields.some((f) => f === undefined)) return null;
  const known = fields as ShopifyField[];
  if (!known.some((f) => ONLY_SHOPIFY.has(f))) return null;
  if (
    new Set(known.filter((f) => f !== 'ignored')).size !==
    known.filter((f) => f !== 'ignored').length
  ) {
    return null;
  }
  return { headers: [...headers], fields: known };
}

/** The headers a Shopify file may have that Loupe doesn't know, for a 422's detail. */
export const SHOPIFY_HEADER_NAMES = Object.keys(SHOPIFY_HEADERS);

const YES = new Set(['yes', 'true', '1', 'subscribed']);
const NO = new Set(['no', 'false', '0', '', 'not_subscribed', 'unsubscribed']);

/** Spreadsheet-safe exports prefix numbers with `'`, so Excel keeps them text. */
const unquote = (value: string) => (value.startsWith("'") ? value.slice(1).trim() : value);

/** Turns one Shopify row into a `POST /v1/customers` body, like `csvRowToCustomerBody`. */
export function shopifyRowToCustomerBody(
  layout: ShopifyLayout,
  cells: readonly string[],
  importedAt: Date,
): RowConversion {
  const body: Record<string, unknown> = {};
  const address: Record<string, string> = {};
  const consent: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const errors: CsvFieldError[] = [];
  const value: Partial<Record<ShopifyField, string>> = {};
  layout.fields.forEach((field, index) => {
    const raw = (cells[index] ?? '').trim();
    if (raw.includes('\u0000')) {
      errors.push({ field: layout.headers[index]!, message: 'Contains a NUL character (U+0000).' });
      return;
    }
    if (raw !== '' && field !== 'ignored') value[field] = raw;
  });
  const headerOf = (field: ShopifyField) => layout.headers[layout.fields.indexOf(field)]!;

  if (value.customer_id) body.external_ids = { shopify: unquote(value.customer_id) };
  if (value.first_name) body.first_name = value.first_name;
  if (value.last_name) body.last_name = value.last_name;
  if (value.email) body.email = value.email;
  if (value.phone) body.mobile = unquote(value.phone);
  if (value.address_phone && unquote(value.address_phone) !== body.mobile) {
    body.phone = unquote(value.address_phone);
  }
  for (const field of ['email_consent', 'sms_consent'] as const) {
    const answer = (value[field] ?? '').toLowerCase();
    if (YES.has(answer)) {
      consent[field === 'email_consent' ? 'email' : 'sms'] = {
        granted: true,
        at: importedAt.toISOString(),
        by: 'Shopify import',
      };
    } else if (!NO.has(answer)) {
      errors.push({ field: headerOf(field), message: 'Expected yes or no.' });
    }
  }
  if (Object.keys(consent).length > 0) body.marketing_consent = consent;
  if (value.line1) address.line1 = value.line1;
  if (value.line2) address.line2 = value.line2;
  if (value.suburb) address.suburb = value.suburb;
  const state = value.state ?? value.state_name;
  if (state) address.state = state;
  if (value.postcode) address.postcode = unquote(value.postcode);
  const country = value.country ?? value.country_name;
  if (country) address.country = country;
  if (Object.keys(address).length > 0) body.address = address;
  if (value.tags) {
    body.tags = value.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag.length > 0);
  }
  if (value.company) custom.company = value.company;
  if (value.note) custom.shopify_note = value.note;
  const exempt = (value.tax_exempt ?? '').toLowerCase();
  if (YES.has(exempt)) custom.tax_exempt = true;
  else if (!NO.has(exempt))
    errors.push({ field: headerOf('tax_exempt'), message: 'Expected yes or no.' });
  if (Object.keys(custom).length > 0) body.custom_fields = custom;
  return { body, addressCells: {}, errors };
}

/** Where a create-schema error on a Shopify row came from: the file's own header. */
export function shopifyColumnForSchemaPath(
  layout: ShopifyLayout,
  path: readonly PropertyKey[],
): string {
  const [head, next] = path.map(String);
  const byField = (...fields: ShopifyField[]) => {
    for (const field of fields) {
      const index = layout.fields.indexOf(field);
      if (index >= 0) return layout.headers[index]!;
    }
    return head ?? '';
  };
  switch (head) {
    case 'external_ids':
      return byField('customer_id');
    case 'first_name':
    case 'last_name':
    case 'email':
    case 'tags':
      return byField(head);
    case 'mobile':
      return byField('phone');
    case 'phone':
      return byField('address_phone');
    case 'marketing_consent':
      return byField(next === 'sms' ? 'sms_consent' : 'email_consent');
    case 'address': {
      const parts: Record<string, ShopifyField[]> = {
        line1: ['line1'],
        line2: ['line2'],
        suburb: ['suburb'],
        state: ['state', 'state_name'],
        postcode: ['postcode'],
        country: ['country', 'country_name'],
      };
      return byField(...(parts[next ?? ''] ?? ['line1']));
    }
    case 'custom_fields':
      return byField(
        next === 'company' ? 'company' : next === 'tax_exempt' ? 'tax_exempt' : 'note',
      );
    default:
      return head ?? '';
  }
}
