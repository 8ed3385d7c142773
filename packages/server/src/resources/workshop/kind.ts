/**
 * What repairs and bespoke jobs share: both are a customer's piece moving through the
 * workshop by stages, numbered for the counter. Each declares itself once as a `WorkshopKind`
 * (`repairs/kind.ts`, `bespoke-jobs/kind.ts`); the SQL in `store.ts` and the erasure and merge
 * rules in `customer-rules.ts` are derived from it (decision 0015).
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator, IdKind } from '../../core/ids.js';
import type { NumberedKind } from '../../core/record-numbers.js';
import type { StageMachine } from '../../core/stage-machine.js';

/** How one client-set field is stored and what erasure does with it. */
export interface WorkshopField {
  /**
   * `text`: a text column; `money`: minor units in a bigint column, `Money` on the wire (in the
   * row's `currency`); `time`: a timestamptz column, RFC 3339 on the wire.
   */
  readonly type: 'text' | 'money' | 'time';
  /**
   * Erasure keeps the value (not about the person: prices, dates, the branch, the staff
   * member), clears it to null, or replaces it (a required column).
   */
  readonly erase: 'keep' | 'clear' | { readonly replace: string };
}

export interface WorkshopKind<S extends string = string> {
  /** For people: "repair", "bespoke job". */
  readonly noun: string;
  /** The audit log's entity type, the counter's kind and the prefix of audit actions. */
  readonly entityType: NumberedKind;
  readonly idKind: IdKind;
  readonly table: string;
  readonly historyTable: string;
  /** The history table's column naming the record. */
  readonly historyKey: string;
  readonly machine: StageMachine<S>;
  /** The client-set fields besides `stage`, in wire order; `branch_id` first. */
  readonly fields: { readonly [name: string]: WorkshopField };
  /**
   * Columns naming another record this one was made from, set by the server at creation and
   * read-only on the wire, after the fields (`quote_id`: the quote a bespoke job came from).
   */
  readonly links?: readonly string[];
  /** Where a record lives, for `Location`. */
  readonly path: string;
  /** The webhook event a move to another stage emits (decision 0037); none when absent. */
  readonly stageChangedEvent?: 'repair.stage_changed';
  /**
   * Runs in the move's transaction when a record moves to another stage (not on create):
   * a repair reaching `ready` queues its message to the customer.
   */
  readonly onStageMove?: (
    tx: Queryable,
    ctx: { principal: TenantPrincipal; ids: IdGenerator; now: Date },
    record: { id: string; number: string; customer_id: string; stage: string } & Record<
      string,
      unknown
    >,
  ) => Promise<void>;
}

/** A field every workshop record has: the branch whose bench it is on. */
export const BRANCH_FIELD: WorkshopField = { type: 'text', erase: 'keep' };

/** Who made a stage change or a record: a staff member's name is kept through erasure. */
export const STAFF_FIELD: WorkshopField = { type: 'text', erase: 'keep' };

/** What stands in for erased free text in a kept record and its audit history. */
export const ERASED_TEXT = '[erased]';
