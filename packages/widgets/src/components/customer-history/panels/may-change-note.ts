import type { Me, Note } from '../../../client.js';

/**
 * Whether the credential `me` may edit, pin or delete `note`: the server's rule (`Me.actor` in
 * the API reference). A manager or owner may change any note; anyone else only their own — a
 * staff session's by its staff name (tomorrow's session is the same author), a key's by its id.
 * Without `/v1/me`'s `actor` (an older server) only a manager or owner is offered the actions.
 */
export function mayChangeNote(me: Me | null, note: Pick<Note, 'author'>): boolean {
  if (!me) return false;
  if (me.role === 'owner' || me.role === 'manager') return true;
  const { actor } = me;
  if (!actor || note.author.kind !== actor.kind) return false;
  return actor.kind === 'session' ? note.author.name === actor.name : note.author.id === actor.id;
}
