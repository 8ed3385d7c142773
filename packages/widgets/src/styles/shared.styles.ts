import { css } from 'lit';

/**
 * Tokens and states every element shares. Public `--loupe-*` properties are read through
 * private `--_*` aliases with defaults, so a theme may set them on the element or on any
 * ancestor (a `:host` declaration of `--loupe-*` itself would shadow an ancestor's value).
 */
export const sharedStyles = css`
  :host {
    --_font: var(--loupe-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--loupe-color-text, #1f2328);
    --_muted: var(--loupe-color-text-muted, #57606a);
    --_surface: var(--loupe-color-surface, #ffffff);
    --_subtle: var(--loupe-color-surface-subtle, #f6f8fa);
    --_border: var(--loupe-color-border, #d0d7de);
    --_accent: var(--loupe-color-accent, #7a5a12);
    --_on-accent: var(--loupe-color-on-accent, #ffffff);
    --_credit: var(--loupe-color-credit, #116329);
    --_debit: var(--loupe-color-debit, #b42318);
    --_danger: var(--loupe-color-danger, #a4161a);
    --_danger-bg: var(--loupe-color-danger-surface, #fde8e8);
    --_warning: var(--loupe-color-warning, #8a4b00);
    --_warning-bg: var(--loupe-color-warning-surface, #fff4e0);
    --_focus: var(--loupe-focus-ring-color, #0b57d0);
    --_skeleton: var(--loupe-color-skeleton, #e6e8eb);
    --_radius: var(--loupe-radius, 0.5rem);
    --_space: var(--loupe-space, 1rem);
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .base {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  button,
  .button {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.375rem 0.75rem;
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .skeleton {
    display: block;
    background: var(--_skeleton);
    border-radius: var(--_radius);
    height: 1rem;
    animation: pulse 1.5s ease-in-out infinite;
  }
  /* A placeholder that is the loaded layout with its text hidden: it takes the loaded size,
     so the page around it doesn't move when the data arrives. */
  .ghost {
    display: inline-block;
    background: var(--_skeleton);
    border-color: transparent;
    border-radius: var(--_radius);
    animation: pulse 1.5s ease-in-out infinite;
  }
  /* Ghost widths, in the text's own em: a word, a phrase, a line. */
  .w1 {
    width: 4em;
  }
  .w2 {
    width: 7em;
  }
  .w3 {
    width: 11em;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton,
    .ghost {
      animation: none;
    }
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    color: var(--_muted);
  }
  .state.error {
    color: var(--_danger);
  }
  svg {
    flex: none;
    width: 1em;
    height: 1em;
    fill: currentColor;
  }
`;
