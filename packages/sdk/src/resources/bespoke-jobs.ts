import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  BespokeJob,
  BespokeJobCreateParams,
  BespokeJobListParams,
  BespokeJobPage,
  BespokeJobUpdateParams,
  BespokeStage,
} from '../types.js';

/** Every bespoke stage in the order work flows, e.g. for the columns of a design board. */
export const BESPOKE_STAGES = [
  'enquiry',
  'design',
  'approved',
  'in_production',
  'ready',
  'collected',
  'cancelled',
] as const satisfies readonly BespokeStage[];

// Fails to compile when the server adds a stage this list lacks.
type MissingBespokeStage = Exclude<BespokeStage, (typeof BESPOKE_STAGES)[number]>;
const everyBespokeStage: [MissingBespokeStage] extends [never] ? true : MissingBespokeStage = true;
void everyBespokeStage;

/** `loupe.bespokeJobs`: pieces made for a customer, from enquiry to collection. */
export class BespokeJobs extends Resource {
  /**
   * Opens a bespoke job for a customer; it is numbered from the tenant's counter
   * (`BS-1001`) and starts at `enquiry` unless `stage` says otherwise.
   *
   * @example
   * ```ts
   * const job = await loupe.bespokeJobs.create({
   *   customer_id: 'cus_01J…',
   *   title: 'Platinum three-stone engagement ring',
   *   brief: 'Oval sapphire centre, two pear diamonds',
   *   quoted_price: { amount: 850000, currency: 'AUD' },
   *   deposit: { amount: 200000, currency: 'AUD' },
   * });
   * ```
   */
  create(body: BespokeJobCreateParams, options?: RequestOptions): Promise<BespokeJob> {
    return this.POST('/v1/bespoke-jobs', { body }, options);
  }

  /**
   * Retrieves one bespoke job with its whole stage history.
   *
   * @example
   * ```ts
   * const job = await loupe.bespokeJobs.retrieve('bsp_01J…');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<BespokeJob> {
    return this.GET('/v1/bespoke-jobs/{id}', { path: { id } }, options);
  }

  /**
   * Updates the given fields, or moves the job to another `stage`. A move the current
   * stage doesn't allow fails with a `ConflictError` whose `allowedStages` lists the ones it
   * does; `options.ifMatch` with the `version` you read fails with a `VersionConflictError`
   * instead of overwriting someone else's change.
   *
   * @example
   * ```ts
   * await loupe.bespokeJobs.update(job.id, { stage: 'approved', stage_note: 'Signed off the render' }, { ifMatch: job.version });
   * ```
   */
  update(id: string, body: BespokeJobUpdateParams, options?: RequestOptions): Promise<BespokeJob> {
    return this.PATCH('/v1/bespoke-jobs/{id}', { path: { id }, body }, options);
  }

  /**
   * Lists bespoke jobs, newest first (most overdue first with `overdue: true`): await for a page,
   * iterate for every one.
   *
   * @example
   * ```ts
   * // The designs waiting on a customer's sign-off.
   * for await (const job of loupe.bespokeJobs.list({ branch_id: 'br_01J…', stage: 'design' })) {
   *   console.log(job.number, job.title);
   * }
   * ```
   */
  list(
    params?: BespokeJobListParams,
    options?: RequestOptions,
  ): PagePromise<BespokeJob, BespokeJobPage> {
    return this.paginate('/v1/bespoke-jobs', { query: params }, options);
  }

  /**
   * One customer's bespoke jobs, newest first: their Bespoke tab.
   *
   * @example
   * ```ts
   * const { data } = await loupe.bespokeJobs.listByCustomer('cus_01J…', { limit: 20 });
   * ```
   */
  listByCustomer(
    customerId: string,
    params?: Omit<BespokeJobListParams, 'customer_id'>,
    options?: RequestOptions,
  ): PagePromise<BespokeJob, BespokeJobPage> {
    return this.list({ ...params, customer_id: customerId }, options);
  }
}
