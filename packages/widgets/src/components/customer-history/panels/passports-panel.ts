import { html, type TemplateResult } from 'lit';
import type { ListParams, LoupeClientLike, Passport } from '../../../client.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

/**
 * The Passports tab: the passports whose current owner email is the customer's — title, code,
 * jewellery type and status. A piece transferred to someone else leaves this list.
 */
export class LoupeHistoryPassports extends HistoryPanel<Passport> {
  protected readonly tab = 'passports';
  protected override readonly create = { kind: 'passport', permission: 'manage_passports' };

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.customers.passports?.(id, params, { signal });
  }

  protected renderRow(passport: Passport): TemplateResult {
    const m = messages();
    const tone =
      passport.status === 'reported_stolen' ? 'bad' : passport.status === 'archived' ? 'muted' : '';
    return this.renderRecord({
      kind: 'passport',
      id: passport.id,
      title: passport.title,
      meta: [
        html`<bdi>${passport.code}</bdi>`,
        passport.jewellery_type,
        this.date(passport.issued_at),
      ],
      aside: this.badge(m.passportStatuses[passport.status] ?? passport.status, tone),
    });
  }
}

LoupeHistoryPassports.define('loupe-history-passports');
