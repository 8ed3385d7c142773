import { css } from 'lit';

const storeCreditLedgerStyles = css`
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem var(--_space);
  }
  .title {
    margin: 0;
    font-size: 1.125rem;
    flex: 1 1 100%;
  }
  .balance {
    display: grid;
    margin: 0;
    margin-inline-end: auto;
  }
  .balance-label {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .balance-value {
    font-size: 2rem;
    font-weight: 700;
    line-height: 1.2;
  }
  .balance-skeleton {
    width: 8rem;
    height: 2.4rem;
  }
  .scroller {
    overflow-x: auto;
    /* Its width comes from the card, never from the table's; and it is the query container. */
    container-type: inline-size;
    margin-top: var(--_space);
  }
  .table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }
  th,
  td {
    padding: 0.5rem;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  th {
    background: var(--_subtle);
    font-weight: 600;
  }
  .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  td.number {
    white-space: nowrap;
  }
  .credit {
    color: var(--_credit);
    font-weight: 600;
  }
  .debit {
    color: var(--_debit);
    font-weight: 600;
  }
  .note {
    display: block;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .reference {
    color: inherit;
    overflow-wrap: anywhere;
  }
  .pagination {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .state {
    margin: var(--_space) 0 0;
  }
  /* A phone: each row in lines — date and amount, the reason, reference and balance. The header
     row is hidden from sight only, so the cells keep their headers for screen readers. */
  @container (max-width: 32rem) {
    thead {
      position: absolute;
      clip: rect(0 0 0 0);
    }
    tr {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0 0.75rem;
      padding: 0.5rem 0;
      border-bottom: 1px solid var(--_border);
    }
    td {
      padding: 0;
      border: 0;
    }
    td:nth-child(2) {
      grid-area: 2 / 1 / 3 / 3;
    }
    td:nth-child(3) {
      grid-area: 1 / 2;
    }
    td:nth-child(4) {
      grid-area: 3 / 2;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    td:nth-child(4)::before {
      content: attr(data-label) ' ';
    }
  }
`;

export default storeCreditLedgerStyles;
