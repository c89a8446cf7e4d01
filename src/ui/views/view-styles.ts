import { css } from 'lit';

/** The white card every page section sits on. */
export const panel = css`
  :host { display: block; }
  .panel { background: #fff; border: 1px solid #e2e6ee; border-radius: 12px; padding: 1rem 1.5rem; margin-bottom: 1.25rem; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
  h2 { font-size: 1.1rem; margin: 0 0 0.75rem; }
  button { font: inherit; cursor: pointer; }
`;
