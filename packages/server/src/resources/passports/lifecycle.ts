import type { PassportStatus } from './schemas.js';

/** What staff can do to a passport's status. */
export type StatusAction = 'report_stolen' | 'recover' | 'archive';

/**
 * The status an action leads to from `current`, or why it can't be taken. Archiving a passport
 * reported stolen is refused: the public page would stop warning anyone who is offered it.
 */
export function nextStatus(
  current: PassportStatus,
  action: StatusAction,
): { ok: true; status: PassportStatus } | { ok: false; reason: string } {
  switch (action) {
    case 'report_stolen':
      return current === 'active'
        ? { ok: true, status: 'reported_stolen' }
        : {
            ok: false,
            reason:
              current === 'reported_stolen'
                ? 'This passport is already reported stolen.'
                : 'An archived passport cannot be reported stolen.',
          };
    case 'recover':
      return current === 'reported_stolen'
        ? { ok: true, status: 'active' }
        : { ok: false, reason: 'Only a passport reported stolen can be recovered.' };
    case 'archive':
      if (current === 'active') return { ok: true, status: 'archived' };
      return {
        ok: false,
        reason:
          current === 'archived'
            ? 'This passport is already archived.'
            : 'A passport reported stolen cannot be archived: recover it first, so the public page keeps warning until then.',
      };
  }
}

/** Why the owner can't change now, or null when it can (transfers and corrections alike). */
export function ownerChangeRefusal(current: PassportStatus): string | null {
  if (current === 'reported_stolen') {
    return 'A passport reported stolen cannot change owner: recover it first.';
  }
  if (current === 'archived') return 'An archived passport cannot change owner.';
  return null;
}
