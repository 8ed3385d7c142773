import { css } from 'lit';

const providerStyles = css`
  :host {
    display: contents;
  }
`;

export default providerStyles;
