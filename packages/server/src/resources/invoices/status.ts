import { defineStageMachine } from '../../core/stage-machine.js';

/** An invoice's statuses, in the order an invoice lives through them. */
export const INVOICE_STATUSES = ['draft', 'sent', 'partially_paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * Staff move a draft to `sent` and back; payments move it to `partially_paid` and `paid`;
 * voiding (`POST /v1/invoices/{id}/void`) ends it from any other status, refunding what was
 * paid. Nothing leaves `void` (decision 0031).
 */
export const INVOICE_MACHINE = defineStageMachine({
  stages: INVOICE_STATUSES,
  moves: {
    draft: ['sent', 'partially_paid', 'paid', 'void'],
    sent: ['draft', 'partially_paid', 'paid', 'void'],
    partially_paid: ['paid', 'void'],
    paid: ['void'],
    void: [],
  },
  working: [],
});
