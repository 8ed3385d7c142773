/**
 * The messages Loupe writes itself (a repair ready to collect, a wished-for piece in store),
 * from the tenant's templates or the built-in text. Templates are plain text with `{{name}}`
 * placeholders; the body is sent as text and as escaped HTML like every message.
 */
import type { TenantSettings } from '../../core/auth/tenant-settings.js';
import { fillTemplate, textToHtml } from './render.js';

/** Every kind of message with a template, and the placeholders each may use. */
export const TEMPLATE_PLACEHOLDERS = {
  repair_ready: ['first_name', 'last_name', 'shop_name', 'repair_number', 'item_description'],
  wishlist_available: ['first_name', 'last_name', 'shop_name', 'item_name', 'sku', 'price'],
} as const;
export type TemplateKind = keyof typeof TEMPLATE_PLACEHOLDERS;
export const TEMPLATE_KINDS = Object.keys(TEMPLATE_PLACEHOLDERS) as TemplateKind[];

/** A subject and a plain-text body. */
export interface MessageTemplate {
  subject: string;
  body: string;
}

/** What a tenant sends until it writes its own. */
export const DEFAULT_TEMPLATES: Record<TemplateKind, MessageTemplate> = {
  repair_ready: {
    subject: 'Your {{item_description}} is ready to collect',
    body: 'Hi {{first_name}},\n\nGood news: your {{item_description}} (repair {{repair_number}}) is ready to collect from {{shop_name}}.\n\nSee you soon,\n{{shop_name}}',
  },
  wishlist_available: {
    subject: '{{item_name}} is in store',
    body: 'Hi {{first_name}},\n\nThe {{item_name}} you wished for is in store at {{shop_name}} ({{price}}). Reply to this email or drop in and we’ll set it aside for you.\n\n{{shop_name}}',
  },
};

/** The tenant's template for `kind`, or the built-in one. */
export function templateFor(
  tenant: Pick<TenantSettings, 'message_templates'>,
  kind: TemplateKind,
): MessageTemplate {
  return tenant.message_templates[kind] ?? DEFAULT_TEMPLATES[kind];
}

/** Placeholders in `text` that `kind` doesn't fill, for a 422 when a template is saved. */
export function unknownPlaceholders(kind: TemplateKind, text: string): string[] {
  const known = new Set<string>(TEMPLATE_PLACEHOLDERS[kind]);
  const found = [...text.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(found.filter((name) => !known.has(name)))];
}

/**
 * The message for `kind` with `values` filled in: the subject on one line, the body as text
 * and as escaped HTML. A value missing (a customer without a first name) reads as empty.
 */
export function renderMessage(
  tenant: Pick<TenantSettings, 'message_templates'>,
  kind: TemplateKind,
  values: Partial<Record<(typeof TEMPLATE_PLACEHOLDERS)[TemplateKind][number], string | null>>,
): { subject: string; text: string; html: string } {
  const template = templateFor(tenant, kind);
  const filled: Record<string, string> = {};
  for (const name of TEMPLATE_PLACEHOLDERS[kind]) {
    filled[name] = (values as Record<string, string | null | undefined>)[name] ?? '';
  }
  const oneLine = Object.fromEntries(
    Object.entries(filled).map(([k, v]) => [k, v.replace(/[\r\n]+/g, ' ')]),
  );
  const subject = fillTemplate(template.subject, oneLine).replace(/\s+/g, ' ').trim().slice(0, 200);
  const text = fillTemplate(template.body, filled).replace(/ +,/g, ',');
  return { subject, text, html: textToHtml(text) };
}
