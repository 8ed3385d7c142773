import { css } from 'lit';

const customerFormStyles = css`
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.25rem;
  }
  h3 {
    margin: 0 0 0.75rem;
    font-size: 1rem;
  }
  .cards {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .card,
  .conflict {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  /* As many columns as fit, one on a phone. */
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: 0.75rem;
  }
  .wide {
    grid-column: 1 / -1;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
    min-width: 0;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend,
  label {
    font-weight: 600;
    padding: 0;
  }
  /*
   * Shares a column with the other fields: the month takes what the day (two digits) and the
   * year (four) leave, inputs aligned at the foot.
   */
  .date-parts {
    display: grid;
    grid-template-columns: minmax(3.75rem, 3fr) minmax(0, 5fr) minmax(3.5rem, 4fr);
    align-items: end;
    gap: 0.375rem;
  }
  .date-parts label {
    font-weight: normal;
    font-size: 0.875rem;
  }
  input:not([type='checkbox'], [type='radio']),
  select {
    width: 100%;
    min-width: 0;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.375rem 0.5rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
  }
  .field-error,
  .form-error {
    color: var(--_danger);
    margin: 0;
  }
  .form-error.shown {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    margin-top: var(--_space);
    padding: 0.5rem 0.75rem;
    background: var(--_danger-bg);
    border-radius: var(--_radius);
  }
  .hint {
    color: var(--_muted);
    margin: 0;
    font-size: 0.875rem;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: normal;
  }
  .chips,
  .toggles {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding-inline-start: 0.625rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_subtle);
  }
  .chip button {
    border: 0;
    background: none;
    padding: 0.125rem 0.5rem;
  }
  .danger {
    color: var(--_danger);
    border-color: var(--_danger);
    background: var(--_danger-bg);
  }
  .link {
    border: 0;
    padding: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    justify-self: start;
  }
  .actions,
  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-top: var(--_space);
  }
  .confirm p {
    margin: 0;
    flex-basis: 100%;
  }
  .conflict {
    margin-top: var(--_space);
    display: grid;
    gap: 0.5rem;
  }
  .conflict p {
    margin: 0;
  }
  /* The address card: one address a row, its actions wrapping under it on a phone. */
  .addresses {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 0.75rem;
    padding: 0;
    list-style: none;
  }
  .address {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    padding-block-end: 0.5rem;
    border-block-end: 1px solid var(--_border);
  }
  .address-text {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: baseline;
    margin: 0;
    min-width: 0;
    flex: 1 1 16rem;
  }
  .address-text .where {
    flex-basis: 100%;
    overflow-wrap: anywhere;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .no-addresses {
    color: var(--_muted);
    margin: 0 0 0.75rem;
  }
  .address-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  .address .confirm {
    margin-top: 0;
  }
  .badge {
    font-size: 0.75rem;
    padding: 0 0.5rem;
    border-radius: 999px;
    background: var(--_subtle);
    border: 1px solid var(--_border);
  }
  .address-editor {
    display: grid;
    gap: 0.5rem;
  }
  h4 {
    margin: 0;
    font-size: 0.9375rem;
  }
`;

export default customerFormStyles;
