import { addMessages } from '../../messages.js';

/** The audit history's strings; part of `LoupeMessages`, replaceable with `setMessages()`. */
export interface AuditMessages {
  auditTitle: string;
  noHistory: string;
  /** An audit action in words, by its code (`customer.updated`). */
  auditActions: Readonly<Record<string, string>>;
  /** A change in words: `Ring size: M → N`. */
  auditChange: (field: string, before: string, after: string) => string;
  /** Who made a change when the credential has no name. */
  auditActors: Readonly<Record<'secret' | 'session' | 'platform' | 'system', string>>;
  historyPages: string;
}

addMessages({
  auditTitle: 'Change history',
  noHistory: 'No changes recorded yet.',
  auditActions: {
    'customer.created': 'Created',
    'customer.updated': 'Edited',
    'customer.archived': 'Archived',
    'customer.unarchived': 'Unarchived',
    'customer.erased': 'Erased',
    'customer.merged': 'Merged',
    'customer.imported': 'Imported',
  },
  auditChange: (field, before, after) => `${field}: ${before} → ${after}`,
  auditActors: { secret: 'API key', session: 'Staff', platform: 'Platform', system: 'Loupe' },
  historyPages: 'Change history pages',
});
