import { z } from 'zod';

/** Every permission a credential can hold. */
export const PERMISSIONS = [
  'view_customers',
  'create_customer',
  'edit_customer',
  'archive_customer',
  'adjust_store_credit',
  'adjust_loyalty',
  'send_email',
  'manage_passports',
  'view_sales',
  'create_sale',
  'refund_sale',
  'view_audit',
  'export_customers',
  'erase_customer',
  'manage_keys',
  'manage_settings',
  'create_repair',
  'edit_repair',
  'create_bespoke_job',
  'edit_bespoke_job',
  'view_reports',
  'view_documents',
  'upload_document',
  'delete_document',
  'create_quote',
  'edit_quote',
  'create_invoice',
  'edit_invoice',
  'take_payment',
  'void_invoice',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/** Roles, most powerful first. */
export const ROLES = ['owner', 'manager', 'staff', 'readonly'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** The default matrix; a tenant may override any role but owner in `role_permissions`. */
export const DEFAULT_ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  manager: [
    'view_customers',
    'create_customer',
    'edit_customer',
    'archive_customer',
    'adjust_store_credit',
    'adjust_loyalty',
    'send_email',
    'manage_passports',
    'view_sales',
    'create_sale',
    'refund_sale',
    'view_audit',
    'export_customers',
    'create_repair',
    'edit_repair',
    'create_bespoke_job',
    'edit_bespoke_job',
    'view_reports',
    'view_documents',
    'upload_document',
    'delete_document',
    'create_quote',
    'edit_quote',
    'create_invoice',
    'edit_invoice',
    'take_payment',
    'void_invoice',
  ],
  // Staff take repairs in at the counter and move jobs along the bench (decision 0015).
  staff: [
    'view_customers',
    'create_customer',
    'edit_customer',
    'adjust_loyalty',
    'send_email',
    'manage_passports',
    'create_repair',
    'edit_repair',
    'create_bespoke_job',
    'edit_bespoke_job',
    'view_sales',
    'create_sale',
    // ID copies and receipts at the counter; deleting one is a manager's call.
    'view_documents',
    'upload_document',
    // Quotes and invoices at the counter, and payments on them; voiding is a manager's
    // (decision 0031).
    'create_quote',
    'edit_quote',
    'create_invoice',
    'edit_invoice',
    'take_payment',
  ],
  readonly: ['view_customers', 'view_sales'],
};

/**
 * Permissions only a secret key exercises: a session never manages keys or tenant settings
 * (a key it minted would outlive it and the revocation of the key that minted it; an origin
 * it added would let any page call the API). Sessions are minted without them.
 */
export const SECRET_KEY_ONLY_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'manage_keys',
  'manage_settings',
]);

/** What a customer session may do: read its own record, nothing else. */
export const CUSTOMER_SESSION_PERMISSIONS: readonly Permission[] = ['view_customers'];

/** A tenant's override of the matrix, as stored and as sent on PATCH /v1/tenant. */
export const RolePermissionsOverride = z
  .object({
    manager: z.array(Permission),
    staff: z.array(Permission),
    readonly: z.array(Permission),
  })
  .partial()
  .strict();
export type RolePermissionsOverride = z.infer<typeof RolePermissionsOverride>;

/**
 * The permissions of a role under a tenant's override. Owner always keeps everything, so a
 * tenant can't lock itself out of its own settings and keys.
 */
export function permissionsFor(role: Role, override: RolePermissionsOverride | null): Permission[] {
  if (role === 'owner') return [...PERMISSIONS];
  return [...(override?.[role] ?? DEFAULT_ROLE_PERMISSIONS[role])];
}

/** True when role `a` is at least as powerful as role `b`. */
export function roleAtLeast(a: Role, b: Role): boolean {
  return ROLES.indexOf(a) <= ROLES.indexOf(b);
}
