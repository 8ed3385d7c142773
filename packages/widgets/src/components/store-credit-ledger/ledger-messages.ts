import { addMessages } from '../../messages.js';

/** The ledger's own strings; part of `LoupeMessages`, replaceable with `setMessages()`. */
export interface LedgerMessages {
  ledgerTitle: string;
  balance: string;
  history: string;
  date: string;
  reason: string;
  amount: string;
  runningBalance: string;
  reference: string;
  credit: string;
  debit: string;
  noTransactions: string;
  pages: string;
  previousPage: string;
  nextPage: string;
  pageLoaded: (page: number, rows: number) => string;
  adjust: string;
  closeAdjust: string;
  referenceTypes: Readonly<Record<'sale' | 'invoice' | 'return' | 'repair' | 'other', string>>;
  adjusted: (balance: string) => string;
}

addMessages({
  ledgerTitle: 'Store credit',
  balance: 'Balance',
  history: 'Store credit history',
  date: 'Date',
  reason: 'Reason',
  amount: 'Amount',
  runningBalance: 'Balance after',
  reference: 'Reference',
  credit: 'Credit',
  debit: 'Debit',
  noTransactions: 'No store credit activity yet.',
  pages: 'Store credit pages',
  previousPage: 'Previous',
  nextPage: 'Next',
  pageLoaded: (page, rows) => `Page ${page}, ${rows} ${rows === 1 ? 'entry' : 'entries'}.`,
  adjust: 'Adjust store credit',
  closeAdjust: 'Cancel adjustment',
  referenceTypes: {
    sale: 'Sale',
    invoice: 'Invoice',
    return: 'Return',
    repair: 'Repair',
    other: 'Other',
  },
  adjusted: (balance) => `Store credit adjusted. New balance ${balance}.`,
});
