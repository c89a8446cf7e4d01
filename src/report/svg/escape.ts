/** Text and attribute values for HTML and SVG built as strings: every dynamic value goes through this. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate with at most two decimals, so the same chart always has the same bytes. */
export function px(v: number): string {
  return String(Math.round(v * 100) / 100);
}
