import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { asProblem, type ListParams, type LoupeClientLike, type Note } from '../../../client.js';
import { warningIcon } from '../../../icons.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';
import { mayChangeNote } from './may-change-note.js';

/** What a note is in the middle of: being edited, asked to confirm its deletion, or saving. */
type NoteMode = 'edit' | 'confirm-delete' | 'saving';

/**
 * The Notes tab: the staff's timeline about the customer, pinned notes first, newest first.
 * Credentials that may edit the customer add notes; Edit, Pin and Delete show on the notes the
 * server lets them change: their own, or every note for a manager or owner.
 */
export class LoupeHistoryNotes extends HistoryPanel<Note> {
  protected readonly tab = 'notes';

  @state() private modes = new Map<string, NoteMode>();
  /** A failed change, by note id (`''` for the add form). */
  @state() private problems = new Map<string, string>();
  @state() private adding = false;

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.notes?.list(id, params, { signal });
  }

  private get canWrite(): boolean {
    return this.identity.permissions.has('edit_customer') && Boolean(this.activeClient?.notes);
  }

  protected override renderHeader(): TemplateResult | typeof nothing {
    if (!this.canWrite) return nothing;
    const m = messages();
    return html`<form part="note-form" class="note-form" @submit=${this.add}>
      <label for="new-note">${m.addNote}</label>
      <textarea id="new-note" name="body" rows="2" ?disabled=${this.adding}></textarea>
      ${this.renderProblem('')}
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.adding}>${m.addNote}</button></div>
    </form>`;
  }

  protected override renderRows(rows: Note[]): TemplateResult {
    return html`<ol part="list" class="list timeline">${rows.map((note) => this.renderRow(note))}</ol>`;
  }

  protected renderRow(note: Note): TemplateResult {
    const m = messages();
    const mode = this.modes.get(note.id);
    const author = note.author.name ?? m.noteActors[note.author.kind] ?? note.author.kind;
    return html`<li part="note" class="note ${note.pinned ? 'pinned' : ''}">
      <p part="meta" class="meta">
        ${note.pinned ? html`${this.badge(m.pinned, 'warning')} ` : nothing}<bdi>${author}</bdi> ·
        <time datetime=${note.created_at}>${this.date(note.created_at)}</time>${
          note.edited_at ? html` · <span>${m.edited}</span>` : nothing
        }
      </p>
      ${
        mode === 'edit' || (mode === 'saving' && this.editing.has(note.id))
          ? html`<form part="note-form" class="note-form" @submit=${(e: Event) => this.save(e, note)}>
            <label class="sr-only" for="edit-${note.id}">${m.noteLabel}</label>
            <textarea id="edit-${note.id}" name="body" rows="3" .value=${note.body} ?disabled=${mode === 'saving'}></textarea>
            <div class="actions">
              <button type="submit" class="primary" ?disabled=${mode === 'saving'}>${m.saveNote}</button>
              <button type="button" @click=${() => this.setMode(note.id)}>${m.cancel}</button>
            </div>
          </form>`
          : html`<p class="body">${note.body}</p>`
      }
      ${this.renderProblem(note.id)}
      ${
        this.canWrite && mode !== 'edit' && mayChangeNote(this.identity.me, note)
          ? this.renderActions(note, mode)
          : nothing
      }
    </li>`;
  }

  /** Notes whose edit form is saving (so it stays on screen, disabled). */
  private readonly editing = new Set<string>();

  private renderActions(note: Note, mode: NoteMode | undefined): TemplateResult {
    const m = messages();
    const busy = mode === 'saving';
    if (mode === 'confirm-delete') {
      return html`<div class="actions" role="group" aria-label=${m.confirmDelete}>
        <span>${m.confirmDelete}</span>
        <button type="button" class="danger" @click=${() => this.deleteNote(note)}>${m.delete}</button>
        <button type="button" @click=${() => this.setMode(note.id)}>${m.cancel}</button>
      </div>`;
    }
    return html`<div class="actions">
      <button type="button" ?disabled=${busy} @click=${() => this.setMode(note.id, 'edit')}>${m.edit}</button>
      <button type="button" ?disabled=${busy} aria-pressed=${note.pinned ? 'true' : 'false'} @click=${() => this.pin(note)}>
        ${note.pinned ? m.unpin : m.pin}
      </button>
      <button type="button" ?disabled=${busy} @click=${() => this.setMode(note.id, 'confirm-delete')}>${m.delete}</button>
    </div>`;
  }

  private renderProblem(id: string): TemplateResult | typeof nothing {
    const problem = this.problems.get(id);
    return problem
      ? html`<p class="state error" part="error" role="alert">${warningIcon}<span>${problem}</span></p>`
      : nothing;
  }

  private setMode(id: string, mode?: NoteMode): void {
    const modes = new Map(this.modes);
    if (mode) modes.set(id, mode);
    else modes.delete(id);
    this.modes = modes;
    this.setProblem(id);
  }

  private setProblem(id: string, error?: unknown): void {
    const problems = new Map(this.problems);
    if (error === undefined) problems.delete(id);
    else {
      const { code, status } = asProblem(error);
      const m = messages();
      problems.set(
        id,
        code === 'not_note_author' ? m.notAuthor : status === 403 ? m.noAccess : m.saveFailed,
      );
    }
    this.problems = problems;
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = form.elements.namedItem('body') as HTMLTextAreaElement;
    const body = field.value.trim();
    const client = this.activeClient;
    if (!client?.notes || !this.customerId) return;
    if (!body) {
      this.problems = new Map(this.problems).set('', messages().noteNeedsText);
      field.focus();
      return;
    }
    this.adding = true;
    try {
      await client.notes.create(this.customerId, { body });
      field.value = '';
      this.setProblem('');
      this.restart();
    } catch (error) {
      this.setProblem('', error);
    } finally {
      this.adding = false;
    }
  }

  private async save(event: Event, note: Note): Promise<void> {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem(
      'body',
    ) as HTMLTextAreaElement;
    const body = field.value.trim();
    if (!body) {
      this.problems = new Map(this.problems).set(note.id, messages().noteNeedsText);
      return;
    }
    this.editing.add(note.id);
    await this.change(note, { body });
    this.editing.delete(note.id);
  }

  private pin(note: Note): Promise<void> {
    return this.change(note, { pinned: !note.pinned });
  }

  private async deleteNote(note: Note): Promise<void> {
    const client = this.activeClient;
    if (!client?.notes) return;
    this.setMode(note.id, 'saving');
    try {
      await client.notes.delete(note.id);
      this.setMode(note.id);
      this.restart();
    } catch (error) {
      this.setMode(note.id);
      this.setProblem(note.id, error);
    }
  }

  private async change(note: Note, body: { body?: string; pinned?: boolean }): Promise<void> {
    const client = this.activeClient;
    if (!client?.notes) return;
    const before = this.modes.get(note.id);
    this.setMode(note.id, 'saving');
    try {
      await client.notes.update(note.id, body, { ifMatch: String(note.version) });
      this.setMode(note.id);
      this.restart();
    } catch (error) {
      this.setMode(note.id, before);
      this.setProblem(note.id, error);
    }
  }
}

LoupeHistoryNotes.define('loupe-history-notes');
