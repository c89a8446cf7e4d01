/**
 * Shared look of TrustGrade's elements: design tokens and the few base rules every element uses
 * (type, tables, badges, buttons, disclosure). Custom properties are declared on each element's
 * :host so an element looks right wherever it is mounted; no external fonts or stylesheets.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --tg-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --tg-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
    --tg-text: #1f2328;
    --tg-muted: #59636e;
    --tg-border: #d1d9e0;
    --tg-surface: #ffffff;
    --tg-surface-alt: #f6f8fa;
    --tg-accent: #0b5cad;
    --tg-accent-soft: #ddeaf8;
    --tg-ok: #1a7f37;
    --tg-ok-soft: #dafbe1;
    --tg-warn: #8a5a00;
    --tg-warn-soft: #fff3cd;
    --tg-danger: #b42318;
    --tg-danger-soft: #fde8e6;
    --tg-radius: 8px;
    --tg-space: 0.75rem;
  }
`;

export const base = css`
  :host {
    font-family: var(--tg-font);
    color: var(--tg-text);
    font-size: 0.9375rem;
    line-height: 1.45;
  }
  [hidden] {
    display: none !important;
  }
  h1, h2, h3, h4 {
    line-height: 1.25;
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.2rem; }
  h3 { font-size: 1.05rem; }
  h4 { font-size: 0.95rem; }
  p { margin: 0 0 0.5rem; }
  code, pre, .mono {
    font-family: var(--tg-mono);
    font-size: 0.85em;
  }
  pre {
    background: var(--tg-surface-alt);
    border: 1px solid var(--tg-border);
    border-radius: var(--tg-radius);
    padding: 0.5rem 0.75rem;
    overflow: auto;
    max-height: 24rem;
    white-space: pre-wrap;
    word-break: break-word;
  }
  .muted { color: var(--tg-muted); }
  .small { font-size: 0.85rem; }
  .nowrap { white-space: nowrap; }
  .num { font-variant-numeric: tabular-nums; }

  table.data {
    border-collapse: collapse;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  table.data th, table.data td {
    text-align: left;
    padding: 0.3rem 0.6rem;
    border-bottom: 1px solid var(--tg-border);
    vertical-align: top;
  }
  table.data thead th {
    font-weight: 600;
    color: var(--tg-muted);
    border-bottom-width: 2px;
    white-space: nowrap;
  }
  table.data td.num, table.data th.num { text-align: right; }
  table.data caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 0.35rem;
  }

  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.3rem 1rem;
    margin: 0;
  }
  dl.facts dt { color: var(--tg-muted); }
  dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }

  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.78rem;
    font-weight: 600;
    line-height: 1.5;
    border: 1px solid transparent;
    white-space: nowrap;
    background: var(--tg-surface-alt);
    color: var(--tg-muted);
    border-color: var(--tg-border);
  }
  .badge.ok { background: var(--tg-ok-soft); color: var(--tg-ok); border-color: #a6dcb4; }
  .badge.warn { background: var(--tg-warn-soft); color: var(--tg-warn); border-color: #ecd38a; }
  .badge.danger { background: var(--tg-danger-soft); color: var(--tg-danger); border-color: #f2b8b1; }
  .badge.info { background: var(--tg-accent-soft); color: var(--tg-accent); border-color: #a9c7ea; }

  button {
    font: inherit;
    font-size: 0.875rem;
    padding: 0.3rem 0.8rem;
    border-radius: var(--tg-radius);
    border: 1px solid var(--tg-border);
    background: var(--tg-surface);
    color: var(--tg-text);
    cursor: pointer;
  }
  button:hover { background: var(--tg-surface-alt); }
  button:focus-visible, summary:focus-visible {
    outline: 2px solid var(--tg-accent);
    outline-offset: 2px;
  }
  button:disabled { opacity: 0.6; cursor: default; }
  button.danger { color: var(--tg-danger); border-color: #e5a49c; }
  button.danger:hover { background: var(--tg-danger-soft); }
  button.quiet {
    border-color: transparent;
    background: transparent;
    padding: 0.15rem 0.4rem;
  }
  button.quiet:hover { background: var(--tg-surface-alt); }

  details > summary {
    cursor: pointer;
    color: var(--tg-accent);
    font-size: 0.875rem;
  }
  details[open] > summary { margin-bottom: 0.4rem; }

  .card {
    background: var(--tg-surface);
    border: 1px solid var(--tg-border);
    border-radius: var(--tg-radius);
    padding: var(--tg-space) calc(var(--tg-space) * 1.33);
  }
  .scroll-x { overflow-x: auto; max-width: 100%; }
`;

/** Tokens and base rules together: what most elements start from. */
export const theme = [tokens, base];
