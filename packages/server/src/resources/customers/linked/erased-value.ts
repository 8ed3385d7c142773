/** Stands in for every value an erased customer's records held (audit values, ledger reasons). */
export const ERASED_VALUE = '[erased]';
