import { css } from 'lit';

const customerHistoryStyles = css`
  .base {
    padding: 0;
  }
  /* One row of tabs; on a narrow screen it scrolls sideways and stays operable by keyboard. */
  .tabs {
    display: flex;
    overflow-x: auto;
    /* Its tabs' width must not widen the page: a grid or flex column sizes the element as if
       the list were empty, and the list scrolls within whatever width that gives. */
    contain: inline-size;
    border-bottom: 1px solid var(--_border);
    padding: 0 0.375rem;
  }
  .tab {
    flex: none;
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
    padding: 0.75rem 0.3125rem 0.5rem;
    font-size: 0.875rem;
    color: var(--_muted);
    white-space: nowrap;
  }
  .tab[aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_accent);
    font-weight: 600;
  }
  .tab:focus-visible {
    outline-offset: -2px;
  }
  .count {
    padding: 0 0.3125rem;
    border-radius: 999px;
    background: var(--_subtle);
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--_text);
  }
  .panel {
    padding: var(--_space);
  }
  .panel[hidden] {
    display: none;
  }
  /* A panel whose code is on its way holds a short list's height. */
  .panel > :not(:defined) {
    display: block;
    min-height: 10rem;
  }
  /* The Overview's cards: side by side where they fit, stacked on a phone. */
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(max(min(14rem, 100%), 30%), 1fr));
    gap: var(--_space);
  }
  .card,
  #documents {
    display: block;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    min-width: 0;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(5rem, max-content) 1fr;
    gap: 0.25rem 0.625rem;
    margin: 0;
  }
  dt,
  .muted {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  /* The documents card (a card itself, its own chunk) loads after the first paint into the
     height of its title and three rows (sizes fixed in panels/documents-card.ts), below the
     others at full width; at most three cards across. */
  #documents {
    grid-column: 1 / -1;
    min-height: calc(13.25rem + 4px);
  }
`;

export default customerHistoryStyles;
