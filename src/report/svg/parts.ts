/**
 * Building blocks of the report's per-pillar detail views, as strings: an SVG chart with its
 * accessible name, a figure with a caption, a table, a titled block and a picture from a data URL.
 * Callers pass run values in raw; everything from the run is escaped here or by the caller's `esc`.
 */
import { safeBase64 } from '../../ui/elements/robustness-perturbation-shapes';
import { esc } from './escape';

/** An inline SVG chart: role img, its label as aria-label and <title>, fixed size scaled down on narrow pages. */
export function svgChart(cls: string, label: string, width: number, height: number, body: string): string {
  return `<svg class="chart ${cls}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${body}</svg>`;
}

/** A chart or picture with a caption (the caption is escaped). */
export function figure(body: string, caption = '', cls = ''): string {
  return `<figure${cls ? ` class="${cls}"` : ''}>${body}${caption ? `<figcaption class="small muted">${esc(caption)}</figcaption>` : ''}</figure>`;
}

/** A titled block of one detail view, kept on one page when printed. */
export function block(view: string, title: string, body: string): string {
  return `<section class="detail" data-view="${esc(view)}"><h5>${esc(title)}</h5>${body}</section>`;
}

/** A table from escaped header text and cells that are already HTML (escape run values before). */
export function table(view: string, head: string[], rows: string[][], cls = 'data'): string {
  if (rows.length === 0) return '';
  return `<table class="${cls}" data-view="${esc(view)}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A cell with escaped text. */
export const td = (text: string | number, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${esc(text)}</td>`;
export const th = (text: string | number): string => `<th scope="row">${esc(text)}</th>`;

const PNG_DATA = 'data:image/png;base64,';

/** Only "data:image/png;base64,…" with base64 characters: what may go in an src or href. */
export function pngDataUrl(base64: string): string | null {
  return safeBase64(base64) === null ? null : `${PNG_DATA}${base64}`;
}

/** Is this text a data URL we made (PNG, base64)? */
export function isPngDataUrl(url: string): boolean {
  return url.startsWith(PNG_DATA) && safeBase64(url.slice(PNG_DATA.length)) !== null;
}

/** An <img> of a PNG data URL; nothing when the URL is not one. */
export function img(url: string | null, alt: string, cls: string, size: number): string {
  if (!url || !isPngDataUrl(url)) return '';
  return `<img class="${cls}" src="${url}" alt="${esc(alt)}" title="${esc(alt)}" width="${size}" height="${size}">`;
}

/** A muted line saying why there is nothing to draw. */
export const none = (text: string): string => `<p class="small muted">${esc(text)}</p>`;

/** Text cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
