import { css, html, nothing, type TemplateResult } from 'lit';
import type {
  ListParams,
  LoupeClientLike,
  LoyaltyBalance,
  LoyaltyTransaction,
} from '../../../client.js';
import { ResourceController } from '../../../controllers/resource.js';
import { formatNumber } from '../../../format.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

/**
 * The Loyalty tab: the points balance and tier, a bar to the next tier, the tenant's tiers with
 * the customer's marked, and the points history — earned in green, spent or taken back in red,
 * each with its sign.
 */
export class LoupeHistoryLoyalty extends HistoryPanel<LoyaltyTransaction> {
  static override styles = [
    ...HistoryPanel.styles,
    css`
      .standing {
        display: grid;
        gap: 0.5rem;
        margin-bottom: var(--_space);
      }
      .points {
        margin: 0;
        font-size: 1.5rem;
        font-weight: 700;
      }
      .bar {
        height: 0.5rem;
        border-radius: 999px;
        background: var(--_subtle);
        border: 1px solid var(--_border);
        overflow: hidden;
      }
      .bar > span {
        display: block;
        height: 100%;
        background: var(--_accent);
      }
      .tiers {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr));
        gap: 0.5rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .tiers li {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.375rem 0.625rem;
        font-size: 0.875rem;
      }
      .tiers [aria-current] {
        border: 2px solid var(--_accent);
        font-weight: 600;
      }
      .credit {
        color: var(--_credit);
      }
      .debit {
        color: var(--_debit);
      }
    `,
  ];

  protected readonly tab = 'loyalty';

  private readonly standing = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      return client?.loyalty && this.customerId ? ([client, this.customerId] as const) : undefined;
    },
    load: ([client, id], signal) => client.loyalty!.retrieve(id, { signal }),
  });

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.loyalty?.transactions(id, params, { signal });
  }

  protected override restart(): void {
    super.restart();
    this.standing.reload();
  }

  protected override renderHeader(): TemplateResult | typeof nothing {
    return this.standing.status === 'ready' && this.standing.value
      ? this.renderStanding(this.standing.value)
      : nothing;
  }

  private renderStanding(balance: LoyaltyBalance): TemplateResult {
    const m = messages();
    const locale = this.activeLocale;
    const floor = balance.tiers.find((tier) => tier.name === balance.tier)?.min_points ?? 0;
    const next = balance.tiers.find((tier) => tier.name === balance.next_tier);
    const share = next
      ? Math.max(
          0,
          Math.min(100, Math.round(((balance.points - floor) / (next.min_points - floor)) * 100)),
        )
      : 100;
    return html`<section part="card" class="standing" aria-label=${m.loyaltyStanding}>
      <p class="points">${m.points(formatNumber(balance.points, locale))} · ${balance.tier}</p>
      <div
        class="bar"
        role="progressbar"
        aria-label=${next ? m.towardsTier(next.name) : m.topTier}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${share}
      ><span style="width: ${share}%"></span></div>
      <p class="meta">${
        next && balance.points_to_next_tier !== null
          ? m.pointsToTier(formatNumber(balance.points_to_next_tier, locale), next.name)
          : m.topTier
      }</p>
      <ul class="tiers" aria-label=${m.tiers}>
        ${balance.tiers.map(
          (tier) => html`<li aria-current=${tier.name === balance.tier ? 'true' : nothing}>
            ${tier.name}<br /><span class="meta">${m.fromPoints(formatNumber(tier.min_points, locale))}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  protected renderRow(row: LoyaltyTransaction): TemplateResult {
    const m = messages();
    const locale = this.activeLocale;
    const sign = row.points > 0 ? '+' : '';
    return html`<li part="row" class="row">
      <div class="main">
        <p class="title">${row.reason}</p>
        <p part="meta" class="meta">${this.date(row.created_at)} · ${m.loyaltyKinds[row.kind] ?? row.kind}</p>
      </div>
      <div class="aside">
        <span part="amount" class="amount ${row.points >= 0 ? 'credit' : 'debit'}">
          ${m.points(`${sign}${formatNumber(row.points, locale)}`)}
        </span>
        <span class="meta">${m.balanceAfter(formatNumber(row.balance_after, locale))}</span>
      </div>
    </li>`;
  }
}

LoupeHistoryLoyalty.define('loupe-history-loyalty');
