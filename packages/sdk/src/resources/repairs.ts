import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  Repair,
  RepairCreateParams,
  RepairListParams,
  RepairPage,
  RepairStage,
  RepairUpdateParams,
} from '../types.js';

/** Every repair stage in the order work flows, e.g. for the columns of a workshop board. */
export const REPAIR_STAGES = [
  'intake',
  'in_workshop',
  'ready',
  'collected',
  'cancelled',
] as const satisfies readonly RepairStage[];

// Fails to compile when the server adds a stage this list lacks.
type MissingRepairStage = Exclude<RepairStage, (typeof REPAIR_STAGES)[number]>;
const everyRepairStage: [MissingRepairStage] extends [never] ? true : MissingRepairStage = true;
void everyRepairStage;

/** `loupe.repairs`: pieces in for work, numbered for the counter, moved stage by stage. */
export class Repairs extends Resource {
  /**
   * Takes a repair in for a customer; it is numbered from the tenant's counter (`RP-1001`)
   * and starts at `intake` unless `stage` says otherwise.
   *
   * @example
   * ```ts
   * const repair = await loupe.repairs.create({
   *   customer_id: 'cus_01J…',
   *   item_description: '18ct solitaire, claw re-tip',
   *   quoted_price: { amount: 18000, currency: 'AUD' },
   *   due_at: '2026-12-18T06:00:00Z',
   * });
   * ```
   */
  create(body: RepairCreateParams, options?: RequestOptions): Promise<Repair> {
    return this.POST('/v1/repairs', { body }, options);
  }

  /**
   * Retrieves one repair with its whole stage history.
   *
   * @example
   * ```ts
   * const repair = await loupe.repairs.retrieve('rep_01J…');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<Repair> {
    return this.GET('/v1/repairs/{id}', { path: { id } }, options);
  }

  /**
   * Updates the given fields, or moves the repair to another `stage`. A move the current
   * stage doesn't allow fails with a `ConflictError` whose `allowedStages` lists the ones it
   * does; `options.ifMatch` with the `version` you read fails with a `VersionConflictError`
   * instead of overwriting someone else's change.
   *
   * @example
   * ```ts
   * await loupe.repairs.update(repair.id, { stage: 'ready', stage_note: 'Re-tipped' }, { ifMatch: repair.version });
   * ```
   */
  update(id: string, body: RepairUpdateParams, options?: RequestOptions): Promise<Repair> {
    return this.PATCH('/v1/repairs/{id}', { path: { id }, body }, options);
  }

  /**
   * Lists repairs, newest first (most overdue first with `overdue: true`): await for a page,
   * iterate for every one.
   *
   * @example
   * ```ts
   * // One column of a store's workshop board.
   * for await (const repair of loupe.repairs.list({ branch_id: 'br_01J…', stage: 'in_workshop' })) {
   *   console.log(repair.number, repair.item_description);
   * }
   * ```
   */
  list(params?: RepairListParams, options?: RequestOptions): PagePromise<Repair, RepairPage> {
    return this.paginate('/v1/repairs', { query: params }, options);
  }

  /**
   * One customer's repairs, newest first: their Repairs tab.
   *
   * @example
   * ```ts
   * const { data } = await loupe.repairs.listByCustomer('cus_01J…', { limit: 20 });
   * ```
   */
  listByCustomer(
    customerId: string,
    params?: Omit<RepairListParams, 'customer_id'>,
    options?: RequestOptions,
  ): PagePromise<Repair, RepairPage> {
    return this.list({ ...params, customer_id: customerId }, options);
  }
}
