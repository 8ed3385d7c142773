import { css } from 'lit';

/** What every history panel shares: record rows, badges, the header and "Load more". */
const panelStyles = css`
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.25rem 1rem;
    padding: 0.625rem 0;
    border-top: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .row:first-child {
    border-top: 0;
  }
  .main {
    min-width: 0;
    flex: 1 1 14rem;
  }
  .title,
  .meta {
    margin: 0;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .aside {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5rem;
  }
  .link {
    font: inherit;
    font-weight: 600;
    color: var(--_text);
    background: none;
    border: 0;
    padding: 0;
    text-align: start;
    text-decoration: underline;
    text-decoration-color: var(--_border);
    text-underline-offset: 0.2em;
    cursor: pointer;
  }
  .link:hover {
    text-decoration-color: currentColor;
  }
  .amount {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .badge {
    display: inline-block;
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.8125rem;
    background: var(--_subtle);
    white-space: nowrap;
  }
  .good {
    color: var(--_credit);
    border-color: currentColor;
  }
  .bad,
  .overdue {
    color: var(--_danger);
  }
  .bad {
    background: var(--_danger-bg);
    border-color: currentColor;
  }
  .overdue {
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
  }
  .warning {
    color: var(--_warning);
    background: var(--_warning-bg);
    border-color: currentColor;
  }
  /* A layby's remaining balance: amber for whoever chases the collection, with words too. */
  .balance-due {
    color: var(--_warning);
    font-weight: 600;
    white-space: nowrap;
  }
  /* An invoice's balance due: red, and in words. */
  .owing {
    color: var(--_danger);
    font-weight: 600;
    white-space: nowrap;
  }
  .receipt-toggle {
    font-size: 0.875rem;
    padding: 0.125rem 0.5rem;
  }
  .receipt {
    list-style: none;
    margin: 0 0 0.625rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
    font-size: 0.875rem;
  }
  .receipt table {
    width: 100%;
    border-collapse: collapse;
  }
  .receipt th {
    text-align: start;
    font-weight: normal;
  }
  .receipt tfoot th,
  .receipt tfoot td {
    font-weight: 600;
    border-top: 1px solid var(--_border);
  }
  .receipt h4 {
    margin: 0.5rem 0 0.25rem;
    font-size: 0.875rem;
  }
  .payments {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .payments li {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
  }
  .number {
    text-align: end;
    white-space: nowrap;
  }
  /* Notes: a timeline of cards, pinned ones marked. */
  .note-form {
    display: grid;
    gap: 0.375rem;
    margin-bottom: 0.75rem;
  }
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
    width: 100%;
    resize: vertical;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    justify-content: flex-end;
  }
  .note {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .note:first-child {
    border-top: 0;
  }
  .note .actions button {
    font-size: 0.875rem;
    padding: 0.125rem 0.5rem;
  }
  .body,
  .message-body {
    white-space: pre-wrap;
    margin: 0.25rem 0 0.5rem;
  }
  .danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  /* A message's full body. */
  .dialog {
    width: min(36rem, calc(100vw - 2rem));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    color: var(--_text);
    background: var(--_surface);
  }
  .dialog h3 {
    margin: 0 0 0.25rem;
  }
  .dialog form {
    display: flex;
    justify-content: flex-end;
  }
  .panel-header {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }
  .load-more {
    margin-top: 0.75rem;
  }
  .load-more[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;

export default panelStyles;
