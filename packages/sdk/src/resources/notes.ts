import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  Note,
  NoteCreateParams,
  NoteListParams,
  NotePage,
  NoteUpdateParams,
} from '../types.js';

/**
 * `loupe.notes`: staff's timeline about a customer. Pinned notes lead; every edit keeps a
 * revision; only the author or a manager may edit or delete (a `PermissionError` with code
 * `not_note_author` otherwise).
 */
export class Notes extends Resource {
  /**
   * A customer's timeline, pinned notes first, then newest first.
   *
   * @example
   * ```ts
   * for await (const note of loupe.notes.list('cus_01J…')) console.log(note.author.name, note.body);
   * ```
   */
  list(
    customerId: string,
    params?: NoteListParams,
    options?: RequestOptions,
  ): PagePromise<Note, NotePage> {
    return this.paginate(
      '/v1/customers/{id}/notes',
      { path: { id: customerId }, query: params },
      options,
    );
  }

  /**
   * Writes a note; its author is the credential (a staff session's `staff_name`).
   *
   * @example
   * ```ts
   * await loupe.notes.create('cus_01J…', { body: 'Sister manages pickups now.', pinned: true });
   * ```
   */
  create(customerId: string, body: NoteCreateParams, options?: RequestOptions): Promise<Note> {
    return this.POST('/v1/customers/{id}/notes', { path: { id: customerId }, body }, options);
  }

  /** One note with every revision of its text. */
  retrieve(id: string, options?: RequestOptions): Promise<Note> {
    return this.GET('/v1/notes/{id}', { path: { id } }, options);
  }

  /**
   * Edits the text or the pin; the previous text stays as a revision. Pass
   * `options.ifMatch` with the `version` you read to fail with a `VersionConflictError`
   * rather than overwrite a colleague's edit.
   *
   * @example
   * ```ts
   * await loupe.notes.update(note.id, { body: 'Prefers Saturdays.' }, { ifMatch: note.version });
   * ```
   */
  update(id: string, body: NoteUpdateParams, options?: RequestOptions): Promise<Note> {
    return this.PATCH('/v1/notes/{id}', { path: { id }, body }, options);
  }

  /** Takes a note off the timeline; the deletion is audited and its revisions kept. */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.DELETE('/v1/notes/{id}', { path: { id } }, options);
  }
}
