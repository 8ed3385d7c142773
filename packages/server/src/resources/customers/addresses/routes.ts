/**
 * `/v1/customers/{id}/addresses`: a customer's addresses, one of them the default that
 * `address` reads and writes (decision 0032). Each change is an edit of the customer: the
 * same permission, `If-Match` version, audit entry (addresses redacted) and new version.
 */
import type { Context } from 'hono';
import { diffFields } from '../../../core/audit/diff.js';
import { recordAudit } from '../../../core/audit/record.js';
import { invalidField, notFound } from '../../../core/errors.js';
import type { TenantEnv } from '../../../core/hono-env.js';
import { IfMatchHeader, parseIfMatch, versionEtag } from '../../../core/http/if-match.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../../core/http/schemas.js';
import type { IdGenerator } from '../../../core/ids.js';
import { changedFields, emitEvent } from '../../webhooks/emit.js';
import { AUDITED_FIELDS, REDACTED_FIELDS } from '../audit-fields.js';
import { lockForEdit } from '../lock.js';
import {
  AddAddressBody,
  Customer,
  type CustomerAddress,
  MAX_ADDRESSES,
  UpdateAddressBody,
} from '../schemas.js';
import { rowToCustomer, updateCustomer } from '../store.js';
import { addressAlias, isBlank, partsOf, withDefault, withoutAddress } from './list.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01j9z3k4m5n6p7q8r9s0t1v2w3';
const ADDRESS_ID_EXAMPLE = 'adr_01j9z3k4m5n6p7q8r9s0t1v2w3';
const EDIT_ERRORS = [
  'not_found',
  'customer_erased',
  'customer_merged',
  'version_conflict',
] as const;
const VERSIONED =
  'With `If-Match`, a stale customer version answers 412 `version_conflict`. Answers the customer with its new version (the ETag).';

const addAddress = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/addresses',
  operationId: 'addCustomerAddress',
  tags: ['Customers'],
  summary: 'Add an address to a customer',
  description: `Needs at least one part. The first address becomes the default; \`is_default: true\` makes a later one the default. At most ${MAX_ADDRESSES} per customer. ${VERSIONED}`,
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  request: { headers: IfMatchHeader, body: jsonBody(AddAddressBody) },
  responses: { 201: jsonResponse(Customer, 'The customer with the new address.') },
  errors: EDIT_ERRORS,
});

const updateAddress = defineRoute({
  method: 'patch',
  path: '/v1/customers/{id}/addresses/{item_id}',
  operationId: 'updateCustomerAddress',
  tags: ['Customers'],
  summary: 'Change one of a customer’s addresses',
  description: `Only the parts sent change; send null to clear one (an address keeps at least one part). \`is_default: true\` makes it the default. An unknown address answers 404. ${VERSIONED}`,
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  itemId: ADDRESS_ID_EXAMPLE,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateAddressBody) },
  responses: { 200: jsonResponse(Customer, 'The customer with the address changed.') },
  errors: EDIT_ERRORS,
});

const removeAddress = defineRoute({
  method: 'delete',
  path: '/v1/customers/{id}/addresses/{item_id}',
  operationId: 'removeCustomerAddress',
  tags: ['Customers'],
  summary: 'Remove one of a customer’s addresses',
  description: `Removing the default makes the oldest remaining address the default. An unknown address answers 404. ${VERSIONED}`,
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  itemId: ADDRESS_ID_EXAMPLE,
  request: { headers: IfMatchHeader },
  responses: { 200: jsonResponse(Customer, 'The customer without the address.') },
  errors: EDIT_ERRORS,
});

const makeDefaultAddress = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/addresses/{item_id}/default',
  operationId: 'makeCustomerAddressDefault',
  tags: ['Customers'],
  summary: 'Make one of a customer’s addresses the default',
  description: `The one \`address\` then reads; the previous default stays, no longer the default. Making the default the default changes nothing. An unknown address answers 404. ${VERSIONED}`,
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  itemId: ADDRESS_ID_EXAMPLE,
  request: { headers: IfMatchHeader },
  responses: { 200: jsonResponse(Customer, 'The customer with its new default address.') },
  errors: EDIT_ERRORS,
});

/** The routes of a customer's addresses. */
export function customerAddressRoutes() {
  return createRouter()
    .openapi(addAddress, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (isBlank(body)) throw invalidField('line1', 'an address needs at least one part');
      const customer = await editAddresses(c, id, (addresses, ids) => {
        if (addresses.length >= MAX_ADDRESSES) {
          throw invalidField('addresses', `a customer keeps at most ${MAX_ADDRESSES} addresses`);
        }
        const added: CustomerAddress = {
          id: ids('address'),
          kind: body.kind,
          label: body.label ?? null,
          ...partsOf(body),
          is_default: addresses.length === 0,
        };
        const next = [...addresses, added];
        return body.is_default ? withDefault(next, added.id) : next;
      });
      // Erasing the customer retires this response's idempotent replay (it holds the address).
      c.set('subjectCustomerId', id);
      return c.json(customer, 201);
    })
    .openapi(updateAddress, async (c) => {
      const { id, item_id: addressId } = c.req.valid('param');
      const { is_default, ...patch } = c.req.valid('json');
      const customer = await editAddresses(c, id, (addresses) => {
        const current = addressOf(addresses, addressId);
        const changed = { ...current, ...patch };
        if (isBlank(changed)) {
          throw invalidField('line1', 'an address needs at least one part; remove it instead');
        }
        const next = addresses.map((a) => (a === current ? changed : a));
        return is_default ? withDefault(next, addressId) : next;
      });
      return c.json(customer, 200);
    })
    .openapi(removeAddress, async (c) => {
      const { id, item_id: addressId } = c.req.valid('param');
      const customer = await editAddresses(c, id, (addresses) =>
        withoutAddress(addresses, addressOf(addresses, addressId).id),
      );
      return c.json(customer, 200);
    })
    .openapi(makeDefaultAddress, async (c) => {
      const { id, item_id: addressId } = c.req.valid('param');
      const customer = await editAddresses(c, id, (addresses) =>
        withDefault(addresses, addressOf(addresses, addressId).id),
      );
      c.set('subjectCustomerId', id);
      return c.json(customer, 200);
    });
}

function addressOf(addresses: readonly CustomerAddress[], addressId: string): CustomerAddress {
  const found = addresses.find((a) => a.id === addressId);
  if (!found) throw notFound('Address');
  return found;
}

/**
 * Changes a customer's addresses as one edit of the customer: locked, version-checked,
 * `address` kept as the default's alias, audited field by field, the version bumped (only
 * when something changed). Sets the ETag; returns the customer.
 */
async function editAddresses(
  c: Context<TenantEnv>,
  id: string,
  change: (addresses: readonly CustomerAddress[], ids: IdGenerator) => CustomerAddress[],
): Promise<Customer> {
  const principal = c.get('principal');
  const expectedVersion = parseIfMatch(c.req.header('if-match'));
  const { db, ids, clock, keyring } = c.get('services');
  const keys = await keyring.forTenant(db, principal.tenant.id);
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const current = await lockForEdit(tx, principal, id, expectedVersion);
    const before = rowToCustomer(current, keys);
    const addresses = change(before.addresses, ids);
    const after = { ...before, addresses, address: addressAlias(addresses) };
    const changes = diffFields(before, after, AUDITED_FIELDS, REDACTED_FIELDS);
    if (changes.length === 0) return current;
    const updated = await updateCustomer(
      tx,
      {
        tenantId: principal.tenant.id,
        customerId: id,
        keys,
        country: principal.tenant.country,
        now,
      },
      after,
    );
    await recordAudit(tx, ids, {
      tenantId: principal.tenant.id,
      actor: principal.actor,
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      changes,
      at: now,
    });
    await emitEvent(tx, ids, {
      tenantId: principal.tenant.id,
      type: 'customer.updated',
      data: { customer_id: id, changed_fields: changedFields(changes) },
      at: now,
    });
    return updated;
  });
  c.header('ETag', versionEtag(row.version));
  return rowToCustomer(row, keys);
}
