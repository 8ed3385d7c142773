import { css } from 'lit';

const customerSearchStyles = css`
  .search {
    position: relative;
  }
  input {
    width: 100%;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem;
    /* At least 16px, so a phone doesn't zoom the page when the box gets focus. */
    font-size: max(1rem, 16px);
  }
  .popup {
    position: absolute;
    inset-inline: 0;
    top: calc(100% + 0.25rem);
    z-index: 10;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 12%);
    max-height: min(24rem, 70vh);
    overflow-y: auto;
  }
  .popup[hidden] {
    display: none;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .option {
    display: grid;
    gap: 0.125rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid transparent;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .option[aria-selected='true'] {
    background: var(--_subtle);
    border-inline-start-color: var(--_accent);
  }
  .line,
  .details {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  .name {
    font-weight: 600;
  }
  .details {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-size: 0.75rem;
    padding: 0 0.5rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: var(--_muted);
  }
  .vip {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .new {
    color: var(--_accent);
    font-weight: 600;
    border-top: 1px solid var(--_border);
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 0.75rem;
    color: var(--_muted);
  }
  .status.error {
    color: var(--_danger);
  }
`;

export default customerSearchStyles;
