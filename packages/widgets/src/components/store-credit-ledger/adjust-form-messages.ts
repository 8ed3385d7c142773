import { addMessages } from '../../messages.js';

/**
 * The adjust form's strings, loaded with the form on first use; part of `LoupeMessages`,
 * replaceable with `setMessages()`.
 */
export interface AdjustFormMessages {
  adjustTitle: string;
  adjustKind: string;
  amountIn: (currency: string) => string;
  referenceHint: string;
  save: string;
  saving: string;
  amountInvalid: string;
  reasonRequired: string;
  /** A debit larger than the balance; `balance` is undefined when neither side knows it. */
  insufficientCredit: (debit: string, balance: string | undefined) => string;
  adjustFailed: string;
}

addMessages({
  adjustTitle: 'Adjust store credit',
  adjustKind: 'Type',
  amountIn: (currency) => `Amount (${currency})`,
  referenceHint: 'Optional, e.g. an invoice or sale number',
  save: 'Save adjustment',
  saving: 'Saving…',
  amountInvalid: 'Enter an amount greater than zero, e.g. 25.00.',
  reasonRequired: 'Enter a reason (up to 200 characters).',
  insufficientCredit: (debit, balance) =>
    `Refused: this debit of ${debit} is more than the balance${balance ? ` of ${balance}` : ''}.`,
  adjustFailed: 'The adjustment was not saved.',
});
