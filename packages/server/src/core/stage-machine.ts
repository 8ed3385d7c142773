/**
 * A record's stages and the moves between them, apart from SQL and HTTP: repairs and bespoke
 * jobs each declare one (decision 0015), and every stage change goes through `check`.
 *
 * A machine lists its stages in the order work flows, the moves allowed from each, and which
 * stages end the record's life (nothing moves out of them). Staying put is never a move:
 * `check(s, s)` answers `same`, so a PATCH repeating the current stage changes nothing.
 */

/** The moves of a machine: for each stage, the stages it may move to (an end stage: none). */
export type StageMoves<S extends string> = { readonly [K in S]: readonly S[] };

/** What `check` found. */
export type StageCheck<S extends string> =
  | { ok: true; same: boolean }
  | { ok: false; from: S; to: S; allowed: readonly S[] };

export interface StageMachine<S extends string> {
  /** Every stage, in the order work flows. */
  readonly stages: readonly S[];
  /** The stage a new record starts in. */
  readonly initial: S;
  /** Stages that end the record: nothing moves out of them. */
  readonly final: ReadonlySet<S>;
  /** Stages in which the work is still to do: a record past its due date in one is overdue. */
  readonly working: readonly S[];
  /** The stages a record in `from` may move to, in flow order. */
  allowedFrom(from: S): readonly S[];
  /** Whether moving from `from` to `to` is allowed. */
  check(from: S, to: S): StageCheck<S>;
  /** True for a stage a record may be created in: any stage but the final ones. */
  isOpen(stage: S): boolean;
}

/**
 * Builds a machine and checks it once: every stage named in `moves` is a stage, and each
 * final stage has no moves out. `working` names the stages before the work is done.
 */
export function defineStageMachine<const S extends string>(spec: {
  stages: readonly S[];
  moves: StageMoves<S>;
  working: readonly S[];
}): StageMachine<S> {
  const known = new Set<S>(spec.stages);
  const final = new Set<S>();
  const allowed = new Map<S, readonly S[]>();
  for (const stage of spec.stages) {
    const targets = spec.moves[stage];
    for (const to of targets) {
      if (!known.has(to)) throw new Error(`stage machine: ${stage} moves to unknown ${to}`);
      if (to === stage) throw new Error(`stage machine: ${stage} moves to itself`);
    }
    if (targets.length === 0) final.add(stage);
    // Flow order, whatever order the spec listed them in: the 409 then reads naturally.
    allowed.set(
      stage,
      spec.stages.filter((s) => targets.includes(s)),
    );
  }
  for (const stage of spec.working) {
    if (!known.has(stage) || final.has(stage)) {
      throw new Error(`stage machine: working stage ${stage} must be an open stage`);
    }
  }
  const initial = spec.stages[0];
  if (initial === undefined) throw new Error('stage machine: no stages');
  return {
    stages: spec.stages,
    initial,
    final,
    working: spec.working,
    allowedFrom: (from) => allowed.get(from) ?? [],
    check(from, to) {
      if (from === to) return { ok: true, same: true };
      const moves = allowed.get(from) ?? [];
      return moves.includes(to)
        ? { ok: true, same: false }
        : { ok: false, from, to, allowed: moves };
    },
    isOpen: (stage) => known.has(stage) && !final.has(stage),
  };
}

/** "`in_workshop` or `cancelled`", for problem details. */
export function listStages(stages: readonly string[]): string {
  const quoted = stages.map((s) => `\`${s}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
