import { addMessages } from '../../messages.js';

/** The passport verifier's own strings; part of `LoupeMessages`, replaceable with `setMessages()`. */
export interface VerifierMessages {
  passportCode: string;
  passportCodeHint: string;
  check: string;
  checkTheCode: string;
  codeLength: string;
  passportNotFound: string;
  rateLimited: (seconds: number | undefined) => string;
  offline: string;
  stolenTitle: string;
  stolenBody: (issuer: string) => string;
  archivedNote: string;
  genuine: (issuer: string) => string;
  status: string;
  statuses: Readonly<Record<'active' | 'reported_stolen' | 'archived', string>>;
  type: string;
  stones: string;
  issuer: string;
  issued: string;
  ownershipChanges: string;
  ownershipSummary: (count: number, last: string | undefined) => string;
  photos: string;
}

addMessages({
  passportCode: 'Passport code',
  passportCodeHint: 'On the certificate or card, e.g. K7M-2QX-9HD-F4W-RT8-CPN-3BT',
  check: 'Check',
  checkTheCode: 'Check the code: it has a typo. Compare it with the certificate.',
  codeLength: 'Check the code: a passport code has 21 letters and digits.',
  passportNotFound:
    'No passport has this code. Check it against the certificate, or ask the jeweller who issued it.',
  rateLimited: (seconds) =>
    `Too many codes checked. Try again ${seconds ? `in ${seconds} seconds` : 'in a minute'}.`,
  offline: 'You’re offline. Check your connection, then try again.',
  stolenTitle: 'Reported stolen',
  stolenBody: (issuer) =>
    `This piece has been reported stolen. Don’t buy it; contact ${issuer} or the police.`,
  archivedNote: 'The jeweller has archived this passport.',
  genuine: (issuer) => `A genuine passport issued by ${issuer}.`,
  status: 'Status',
  statuses: { active: 'Active', reported_stolen: 'Reported stolen', archived: 'Archived' },
  type: 'Type',
  stones: 'Stones',
  issuer: 'Issued by',
  issued: 'Issued',
  ownershipChanges: 'Ownership changes',
  ownershipSummary: (count, last) => `${count}${last ? ` (last ${last})` : ''}`,
  photos: 'Photos',
});
