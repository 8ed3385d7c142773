import { css } from 'lit';

const passportVerifierStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  input {
    flex: 1 1 14rem;
    min-width: 0;
    font: inherit;
    font-size: 1.0625rem;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    padding: 0.625rem 0.75rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: 0.625rem 1.25rem;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  .hint {
    display: flex;
    gap: 0.375rem;
    align-items: center;
    margin: 0.375rem 0 0;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .hint.problem {
    color: var(--_danger);
    font-weight: 600;
  }
  svg {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    fill: currentColor;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: var(--_space);
  }
  .stolen-card {
    border: 3px solid var(--_danger);
  }
  .stolen {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    margin: 0 0 var(--_space);
    padding: 0.75rem 1rem;
    border-radius: var(--_radius);
    background: var(--_danger-bg);
    color: var(--_danger);
  }
  .stolen svg {
    width: 2rem;
    height: 2rem;
  }
  .stolen strong {
    display: block;
    font-size: 1.25rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .title {
    margin: 0;
    font-size: 1.25rem;
  }
  .status {
    margin: 0.25rem 0 0;
  }
  .status.reported_stolen strong {
    color: var(--_danger);
  }
  .description {
    margin: 0.75rem 0 0;
  }
  .details {
    display: grid;
    gap: 0.375rem;
    margin: 0.75rem 0 0;
  }
  .details div {
    display: grid;
    grid-template-columns: minmax(7rem, max-content) 1fr;
    gap: 1rem;
  }
  dt {
    color: var(--_muted);
  }
  dd,
  .stones {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .photos {
    display: flex;
    gap: 0.5rem;
    overflow-x: auto;
    margin: 0.75rem 0 0;
    padding: 0;
    list-style: none;
  }
  .photos img {
    display: block;
    height: 6rem;
    border-radius: var(--_radius);
  }
  .code {
    margin: 0.75rem 0 0;
    font-size: 0.8125rem;
    color: var(--_muted);
    letter-spacing: 0.06em;
  }
  .skeleton {
    height: 12rem;
    border-radius: var(--_radius);
    background: var(--_skeleton);
  }
`;

export default passportVerifierStyles;
