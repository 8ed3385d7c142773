import type { TemplateResult } from 'lit';
import type { BespokeJob, ListParams, LoupeClientLike } from '../../../client.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

/** The Bespoke tab: title, job number, when it opened, quoted price, stage and due date. */
export class LoupeHistoryBespoke extends HistoryPanel<BespokeJob> {
  protected readonly tab = 'bespoke';
  protected override readonly create = { kind: 'bespoke_job', permission: 'create_bespoke_job' };

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.bespokeJobs?.listByCustomer(id, params, { signal });
  }

  protected renderRow(job: BespokeJob): TemplateResult {
    return this.renderWorkshopRow('bespoke_job', job, job.title, messages().bespokeStages);
  }
}

LoupeHistoryBespoke.define('loupe-history-bespoke');
