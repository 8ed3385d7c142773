import { html, type TemplateResult } from 'lit';
import type { Customer, LoupeClientLike } from '../../client.js';
import { messages } from '../../messages.js';
import { ADDRESS_PARTS, CONSENTS, changedFields, type Draft, toDraft } from './draft.js';
import { describeValue, fieldLabel } from './field-words.js';

/** What the form passes in, and is called back with. */
export interface ConflictHooks {
  locale?: string;
  /** The tenant's country, so an empty address reads alike on both sides. */
  country?: string;
  /** A choice changed: render again. */
  choose(): void;
  /** Save `draft` on top of the record now saved (`theirs`). */
  resolve(theirs: Customer, draft: Draft): unknown;
  cancel(): void;
}

/** Both sides of a version conflict, and the choice per field, shown above the buttons. */
export interface Conflict {
  template(): TemplateResult;
}

/** The draft controls behind a field of the wire body. */
function controlsOf(field: string): string[] {
  if (field === 'address') return ADDRESS_PARTS.map((part) => `address.${part}`);
  if (field === 'marketing_consent') return CONSENTS.map((c) => `marketing_consent.${c}`);
  if (field === 'is_vip') return ['tags'];
  if (/birthday|anniversary/.test(field))
    return ['day', 'month', 'year'].map((p) => `${field}.${p}`);
  return [field];
}

/**
 * Reads the record someone else saved meanwhile and compares it with what the operator
 * changed. Fields only one side changed merge by themselves; for each field both changed, the
 * operator keeps theirs or takes the saved value. With nothing in common, the save goes
 * through at once on top of the saved record (and no conflict is shown).
 */
export async function loadConflict(
  client: LoupeClientLike,
  record: Customer,
  base: Draft,
  mine: Draft,
  hooks: ConflictHooks,
): Promise<Conflict | undefined> {
  const theirs = await client.customers.retrieve(record.id);
  const saved = toDraft(theirs, hooks.country);
  const myChanges = changedFields(mine, base) as Record<string, unknown>;
  const theirChanges = changedFields(saved, base) as Record<string, unknown>;
  const both = Object.keys(myChanges).filter(
    (field) =>
      field in theirChanges &&
      JSON.stringify(myChanges[field]) !== JSON.stringify(theirChanges[field]),
  );
  const keep: Record<string, boolean> = Object.fromEntries(both.map((field) => [field, true]));
  const merged = () => {
    const draft = { ...saved };
    for (const field of Object.keys(myChanges)) {
      if (keep[field] !== false)
        for (const control of controlsOf(field)) draft[control] = mine[control]!;
    }
    return draft;
  };
  if (!both.length) {
    await hooks.resolve(theirs, merged());
    return undefined;
  }
  const m = messages();
  const words = (field: string, changes: Record<string, unknown>) =>
    describeValue(field, changes[field], hooks.locale);
  return {
    template: () => html`<section
      part="conflict"
      class="conflict"
      role="alert"
      aria-labelledby="conflict-title"
      @input=${(event: Event) => event.stopPropagation()}
    >
      <h3 id="conflict-title">${m.conflictTitle}</h3>
      <p>${m.conflictIntro}</p>
      ${both.map(
        (field) => html`<fieldset>
          <legend>${fieldLabel(field)}</legend>
          <label class="check"><input type="radio" name=${`conflict-${field}`} .checked=${keep[field]} @change=${() => {
            keep[field] = true;
            hooks.choose();
          }} />${m.keepMine(words(field, myChanges))}</label>
          <label class="check"><input type="radio" name=${`conflict-${field}`} .checked=${!keep[field]} @change=${() => {
            keep[field] = false;
            hooks.choose();
          }} />${m.takeTheirs(words(field, theirChanges))}</label>
        </fieldset>`,
      )}
      <div class="actions">
        <button type="button" class="primary" @click=${() => hooks.resolve(theirs, merged())}>${m.saveChoices}</button>
        <button type="button" @click=${hooks.cancel}>${m.cancel}</button>
      </div>
    </section>`,
  };
}
