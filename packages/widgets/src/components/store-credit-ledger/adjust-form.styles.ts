import { css } from 'lit';

const adjustFormStyles = css`
  .form {
    display: grid;
    gap: 0.75rem;
    margin: 0.75rem 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  fieldset {
    display: flex;
    gap: 1rem;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    float: left;
    margin-inline-end: 0.5rem;
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    /* Wide enough for a reason, not the width of a desktop ledger. */
    max-width: 32rem;
  }
  #amount {
    width: 12rem;
    max-width: 100%;
  }
  label {
    font-weight: 600;
  }
  fieldset label {
    font-weight: normal;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }
  /* A percentage lets a narrow card shrink text fields; their default width wouldn't. */
  input:not([type='radio']) {
    width: 100%;
  }
  input:not([type='radio']),
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.375rem 0.5rem;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .reference-inputs {
    display: flex;
    gap: 0.5rem;
  }
  .reference-inputs input {
    flex: 1;
    min-width: 0;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .field-error,
  .form-error {
    margin: 0;
    color: var(--_danger);
  }
  .form-error.shown {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_danger-bg);
  }
  button[type='submit'] {
    justify-self: start;
  }
`;

export default adjustFormStyles;
