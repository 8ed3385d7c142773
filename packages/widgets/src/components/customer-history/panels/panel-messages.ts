import { addMessages } from '../../../messages.js';

/**
 * The customer history panels' strings; part of `LoupeMessages`, replaceable with
 * `setMessages()`. They load with the first panel opened.
 */
export interface HistoryPanelMessages {
  loadMore: string;
  loadedMore: (count: number) => string;
  noAccess: string;
  notAvailable: string;
  /** "+ New" per record kind. */
  newRecord: Readonly<Record<string, string>>;
  /** Each tab's empty state. */
  emptyTab: Readonly<Record<string, string>>;
  openedOn: (date: string) => string;
  due: (date: string) => string;
  overdue: (date: string) => string;
  expires: (date: string) => string;
  expired: (date: string) => string;
  repairStages: Readonly<Record<string, string>>;
  bespokeStages: Readonly<Record<string, string>>;
  // Sales
  saleNumber: (number: number) => string;
  saleTypes: Readonly<Record<string, string>>;
  saleStatuses: Readonly<Record<string, string>>;
  itemCount: (count: number) => string;
  returnOf: string;
  layby: string;
  laybyBalance: (amount: string) => string;
  receipt: string;
  receiptLines: string;
  receiptPayments: string;
  paymentMethods: Readonly<Record<string, string>>;
  quantity: string;
  total: string;
  // Quotes and invoices
  quoteStatuses: Readonly<Record<string, string>>;
  invoiceStatuses: Readonly<Record<string, string>>;
  balanceDue: (amount: string) => string;
  // Wishlist
  addedOn: (date: string) => string;
  notifiedOn: (date: string) => string;
  inStock: string;
  notInStock: string;
  notify: string;
  removeFromWishlist: string;
  removeItem: (name: string) => string;
  confirmRemove: (name: string) => string;
  /** Why Notify was refused, by the server's problem code. */
  notifyRefusals: Readonly<Record<string, string>>;
  // Loyalty
  loyaltyStanding: string;
  points: (points: string) => string;
  pointsToTier: (points: string, tier: string) => string;
  towardsTier: (tier: string) => string;
  topTier: string;
  tiers: string;
  fromPoints: (points: string) => string;
  loyaltyKinds: Readonly<Record<string, string>>;
  balanceAfter: (points: string) => string;
  adjustPoints: string;
  adjustPointsTitle: string;
  pointsChange: string;
  pointsChangeHint: string;
  pointsChangeInvalid: string;
  adjustReason: string;
  adjustReasonRequired: string;
  saveAdjustment: string;
  savingAdjustment: string;
  /** A take-away past the balance: the points asked for, and the balance when known. */
  insufficientPoints: (points: string, balance: string | undefined) => string;
  pointsAdjusted: (balance: string) => string;
  // The Overview's documents card
  documentsCard: string;
  documentKinds: Readonly<Record<string, string>>;
  downloadDocument: (filename: string) => string;
  uploadedOn: (date: string) => string;
  downloadFailed: string;
  // Passports
  passportStatuses: Readonly<Record<string, string>>;
  // Communications
  messageKinds: Readonly<Record<string, string>>;
  messageStatuses: Readonly<Record<string, string>>;
  messageTo: (address: string) => string;
  close: string;
  // Notes
  addNote: string;
  noteLabel: string;
  saveNote: string;
  cancel: string;
  edit: string;
  delete: string;
  confirmDelete: string;
  pin: string;
  unpin: string;
  pinned: string;
  edited: string;
  noteBy: (name: string) => string;
  noteActors: Readonly<Record<string, string>>;
  noteNeedsText: string;
  notAuthor: string;
  saveFailed: string;
}

addMessages({
  loadMore: 'Load more',
  loadedMore: (count) => `${count} more loaded.`,
  noAccess: 'You don’t have access to this.',
  notAvailable: 'This server doesn’t keep these records yet.',
  newRecord: {
    repair: 'New repair',
    bespoke_job: 'New bespoke job',
    quote: 'New quote',
    invoice: 'New invoice',
    sale: 'New sale',
    passport: 'New passport',
    email: 'New email',
    wishlist_item: 'Add to wishlist',
  },
  emptyTab: {
    repairs: 'No repairs yet.',
    bespoke: 'No bespoke jobs yet.',
    quotes: 'No quotes yet.',
    invoices: 'No invoices yet.',
    sales: 'No sales yet.',
    passports: 'No passports are registered to this customer’s email.',
    wishlist: 'Nothing on the wishlist yet.',
    loyalty: 'No points earned yet.',
    communications: 'No messages sent yet.',
    notes: 'No notes yet.',
    documents: 'No documents yet.',
  },
  openedOn: (date) => `Opened ${date}`,
  due: (date) => `Due ${date}`,
  overdue: (date) => `Overdue: was due ${date}`,
  expires: (date) => `Expires ${date}`,
  expired: (date) => `Expired ${date}`,
  repairStages: {
    intake: 'Intake',
    in_workshop: 'In workshop',
    ready: 'Ready',
    collected: 'Collected',
    cancelled: 'Cancelled',
  },
  bespokeStages: {
    enquiry: 'Enquiry',
    design: 'Design',
    approved: 'Approved',
    in_production: 'In production',
    ready: 'Ready',
    collected: 'Collected',
    cancelled: 'Cancelled',
  },
  saleNumber: (number) => `Sale #${number}`,
  saleTypes: { sale: 'Sale', return: 'Return', exchange: 'Exchange', layby: 'Layby' },
  saleStatuses: { open: 'Open', completed: 'Completed', cancelled: 'Cancelled' },
  itemCount: (count) => `${count} ${count === 1 ? 'item' : 'items'}`,
  returnOf: 'Return of',
  layby: 'Layby',
  laybyBalance: (amount) => `${amount} to pay`,
  receipt: 'Receipt',
  receiptLines: 'Items',
  receiptPayments: 'Payments',
  paymentMethods: {
    card: 'Card',
    cash: 'Cash',
    store_credit: 'Store credit',
    gift_card: 'Gift card',
    bank_transfer: 'Bank transfer',
    exchange: 'Exchange',
    other: 'Other',
  },
  quantity: 'Qty',
  total: 'Total',
  quoteStatuses: {
    draft: 'Draft',
    sent: 'Sent',
    expired: 'Expired',
    accepted: 'Accepted',
    declined: 'Declined',
  },
  invoiceStatuses: {
    draft: 'Draft',
    sent: 'Sent',
    partially_paid: 'Part paid',
    paid: 'Paid',
    void: 'Void',
  },
  balanceDue: (amount) => `Balance due ${amount}`,
  addedOn: (date) => `Added ${date}`,
  notifiedOn: (date) => `Notified ${date}`,
  inStock: 'In stock',
  notInStock: 'Not in stock',
  notify: 'Notify customer',
  removeFromWishlist: 'Remove',
  removeItem: (name) => `Remove ${name} from the wishlist`,
  confirmRemove: (name) => `Remove ${name}?`,
  notifyRefusals: {
    wishlist_already_notified: 'The customer was already told about this piece.',
    customer_has_no_email: 'This customer has no email address.',
    email_consent_withdrawn: 'This customer has withdrawn consent to email.',
    communication_preference_not_email: 'This customer prefers not to be emailed.',
  },
  loyaltyStanding: 'Points and tier',
  points: (points) => `${points} pts`,
  pointsToTier: (points, tier) => `${points} points to ${tier}`,
  towardsTier: (tier) => `Progress to ${tier}`,
  topTier: 'Top tier',
  tiers: 'Tiers',
  fromPoints: (points) => `from ${points}`,
  loyaltyKinds: {
    earn: 'Earned',
    reversal: 'Taken back on a return',
    redemption: 'Redeemed',
    adjustment: 'Adjusted',
    merge: 'Merged',
  },
  balanceAfter: (points) => `Balance ${points}`,
  adjustPoints: 'Adjust points',
  adjustPointsTitle: 'Adjust points',
  pointsChange: 'Points',
  pointsChangeHint: 'Whole points: 250 adds, -250 takes away.',
  pointsChangeInvalid: 'Enter whole points other than 0, such as 250 or -250.',
  adjustReason: 'Reason',
  adjustReasonRequired: 'Give a reason: the customer may ask.',
  saveAdjustment: 'Save adjustment',
  savingAdjustment: 'Saving…',
  insufficientPoints: (points, balance) =>
    balance === undefined
      ? `Can’t take away ${points} points: that is more than the balance.`
      : `Can’t take away ${points} points: the balance is ${balance}.`,
  pointsAdjusted: (balance) => `Points adjusted. The balance is ${balance}.`,
  documentsCard: 'Documents',
  documentKinds: {
    id_document: 'ID document',
    receipt: 'Receipt',
    valuation: 'Valuation',
    certificate: 'Certificate',
    other: 'Other',
  },
  downloadDocument: (filename) => `Download ${filename}`,
  uploadedOn: (date) => `Uploaded ${date}`,
  downloadFailed: 'Couldn’t get the download link. Try again.',
  passportStatuses: { active: 'Active', reported_stolen: 'Reported stolen', archived: 'Archived' },
  messageKinds: { one_to_one: 'Email', repair_ready: 'Repair ready' },
  messageStatuses: {
    queued: 'Queued',
    sent: 'Sent',
    delivered: 'Delivered',
    bounced: 'Bounced',
    failed: 'Failed',
  },
  messageTo: (address) => `To ${address}`,
  close: 'Close',
  addNote: 'Add note',
  noteLabel: 'Note',
  saveNote: 'Save note',
  cancel: 'Cancel',
  edit: 'Edit',
  delete: 'Delete',
  confirmDelete: 'Delete this note?',
  pin: 'Pin',
  unpin: 'Unpin',
  pinned: 'Pinned',
  edited: 'edited',
  noteBy: (name) => name,
  noteActors: { secret: 'API key', session: 'Staff', platform: 'Loupe', system: 'Loupe' },
  noteNeedsText: 'Write something first.',
  notAuthor: 'Only the note’s author or a manager may change it.',
  saveFailed: 'Couldn’t save. Try again.',
});
