import type { TemplateResult } from 'lit';
import type { ListParams, LoupeClientLike, Repair } from '../../../client.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

/** The Repairs tab: item, number, when it came in, quoted price, stage and due date. */
export class LoupeHistoryRepairs extends HistoryPanel<Repair> {
  protected readonly tab = 'repairs';
  protected override readonly create = { kind: 'repair', permission: 'create_repair' };

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.repairs?.listByCustomer(id, params, { signal });
  }

  protected renderRow(repair: Repair): TemplateResult {
    return this.renderWorkshopRow(
      'repair',
      repair,
      repair.item_description,
      messages().repairStages,
    );
  }
}

LoupeHistoryRepairs.define('loupe-history-repairs');
