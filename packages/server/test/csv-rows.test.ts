import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPORT_COLUMNS, mapHeader } from '../src/resources/customers/csv/columns.js';
import {
  columnForSchemaPath,
  csvRowToCustomerBody,
  customerToCsvRow,
} from '../src/resources/customers/csv/rows.js';
import type { Customer } from '../src/resources/customers/schemas.js';

const customer: Customer = {
  id: 'cus_1',
  first_name: 'Eleanor',
  last_name: 'Whitfield',
  email: 'eleanor@example.com',
  mobile: '+61412555018',
  phone: null,
  address: {
    line1: '14 Jersey Road',
    line2: null,
    suburb: 'Woollahra',
    state: 'NSW',
    postcode: '2025',
    country: 'AU',
  },
  addresses: [],
  birthday: '--03-28',
  anniversary: null,
  spouse_name: null,
  spouse_birthday: null,
  ring_size: 'M½',
  wrist_size: null,
  preferred_metal: 'platinum',
  gold_preference: null,
  allergies: ['nickel', 'cobalt'],
  communication_preference: 'email',
  source: null,
  tax_id: null,
  marketing_consent: {
    email: { granted: true, at: '2026-01-01T00:00:00.000Z', by: 'Sophie' },
    sms: null,
  },
  tags: ['VIP', 'Sapphires'],
  is_vip: true,
  custom_fields: { stylist: 'Sophie' },
  external_ids: { shopify: '7421904381' },
  home_branch_id: null,
  account_status: 'active',
  suspension_end: null,
  merged_into: null,
  archived_at: null,
  erased_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  version: 1,
};

describe('customer CSV rows', () => {
  it('flattens a customer and reads it back as the same create body', () => {
    const row = customerToCsvRow(customer);
    assert.equal(row.length, EXPORT_COLUMNS.length);
    assert.equal(row[EXPORT_COLUMNS.indexOf('tags')], 'VIP;Sapphires');
    assert.equal(row[EXPORT_COLUMNS.indexOf('address_suburb')], 'Woollahra');

    const mapping = mapHeader(EXPORT_COLUMNS);
    assert.ok(mapping.ok);
    const at = new Date('2026-02-02T00:00:00Z');
    const { body, errors } = csvRowToCustomerBody(mapping.columns, row, at);
    assert.deepEqual(errors, []);
    assert.deepEqual(body, {
      first_name: 'Eleanor',
      last_name: 'Whitfield',
      email: 'eleanor@example.com',
      mobile: '+61412555018',
      address: {
        line1: '14 Jersey Road',
        line2: null,
        suburb: 'Woollahra',
        state: 'NSW',
        postcode: '2025',
        country: 'AU',
      },
      birthday: '--03-28',
      ring_size: 'M½',
      preferred_metal: 'platinum',
      allergies: ['nickel', 'cobalt'],
      communication_preference: 'email',
      marketing_consent: {
        email: { granted: true, at: at.toISOString(), by: 'CSV import' },
        sms: null,
      },
      tags: ['VIP', 'Sapphires'],
      is_vip: true,
      custom_fields: { stylist: 'Sophie' },
      external_ids: { shopify: '7421904381' },
    });
  });

  it('maps the header spellings of other systems and refuses ones it cannot map', () => {
    const ok = mapHeader(['First Name', 'Surname', 'Email Address', 'Postcode', '\uFEFFDOB']);
    assert.deepEqual(ok, {
      ok: true,
      columns: ['first_name', 'last_name', 'email', 'address_postcode', 'birthday'],
    });
    assert.deepEqual(mapHeader(['first_name', 'favourite colour', 'email', 'Email']), {
      ok: false,
      unknown: ['favourite colour'],
      duplicated: ['Email'],
    });
  });

  it('reports cells it cannot read by column', () => {
    const mapping = mapHeader(['first_name', 'is_vip', 'custom_fields', 'sms_marketing_consent']);
    assert.ok(mapping.ok);
    const { errors } = csvRowToCustomerBody(
      mapping.columns,
      ['Ann', 'maybe', '[1]', 'perhaps'],
      new Date(),
    );
    assert.deepEqual(
      errors.map((e) => e.field),
      ['is_vip', 'custom_fields', 'sms_marketing_consent'],
    );
  });

  it('names schema errors by their CSV column', () => {
    assert.equal(columnForSchemaPath(['address', 'postcode']), 'address_postcode');
    assert.equal(columnForSchemaPath(['tags', 2]), 'tags');
    assert.equal(
      columnForSchemaPath(['marketing_consent', 'email', 'at']),
      'email_marketing_consent',
    );
    assert.equal(columnForSchemaPath(['email']), 'email');
  });
});
