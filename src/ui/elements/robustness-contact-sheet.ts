import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { safeBase64, type ContactSheet } from './robustness-perturbation-shapes';

/**
 * One image under every corruption (rows) and severity (columns), the clean image first: the
 * pictures a report needs so a reader can judge what "severity 3 fog" means for this data. The
 * thumbnails are the probe's own PNGs (at most 64 pixels a side), drawn without smoothing.
 */
@customElement('tg-robustness-contact-sheet')
export class TgRobustnessContactSheet extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      figure { margin: 0; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; font-size: 0.8rem; }
      th { font-weight: 600; color: var(--tg-muted); padding: 0.15rem 0.4rem; text-align: center; white-space: nowrap; }
      th.row { text-align: right; color: var(--tg-text); font-weight: 500; }
      td { padding: 0.15rem; text-align: center; }
      img.thumb { width: 56px; height: 56px; object-fit: contain; image-rendering: pixelated; display: block; border: 1px solid var(--tg-border); background: #000; }
      td.clean img.thumb { outline: 2px solid var(--tg-accent); }
      figcaption { font-size: 0.8rem; color: var(--tg-muted); margin-top: 0.35rem; max-width: 48rem; }
    `,
  ];

  @property({ attribute: false }) sheet: ContactSheet | null = null;
  /** Rows, in order: corruption id and title. */
  @property({ attribute: false }) corruptions: { id: string; title: string }[] = [];
  @property({ attribute: false }) severities: number[] = [1, 2, 3, 4, 5];

  override render() {
    const sheet = this.sheet;
    if (!sheet) return html`<p class="muted">No contact sheet was kept for this run.</p>`;
    const clean = safeBase64(sheet.clean);
    const at = new Map(sheet.cells.map((c) => [`${c.corruption}/${c.severity}`, c.png]));
    const columns = this.severities.filter((s) => this.corruptions.some((c) => at.has(`${c.id}/${s}`)));
    const picture = (png: string | undefined, alt: string) => {
      const safe = png ? safeBase64(png) : null;
      return safe ? html`<img class="thumb" decoding="async" loading="lazy" src=${`data:image/png;base64,${safe}`} alt=${alt} title=${alt} />` : nothing;
    };
    return html`
      <figure data-testid="contact-sheet">
        <div class="scroll">
          <table>
            <thead><tr><th></th><th>clean</th>${columns.map((s) => html`<th>severity ${s}</th>`)}</tr></thead>
            <tbody>
              ${this.corruptions.map((c) => html`<tr data-corruption=${c.id}>
                <th class="row" scope="row">${c.title}</th>
                <td class="clean">${clean ? picture(clean, `${sheet.name}, clean`) : nothing}</td>
                ${columns.map((s) => html`<td>${picture(at.get(`${c.id}/${s}`), `${c.title}, severity ${s}`)}</td>`)}
              </tr>`)}
            </tbody>
          </table>
        </div>
        <figcaption>
          Image '${sheet.name}'${sheet.label !== null ? html` (label ${sheet.label})` : nothing} under every corruption and severity,
          as the pixels were before the binding encoded them; the clean image is outlined. Corruptions with one level have one picture.
        </figcaption>
      </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-robustness-contact-sheet': TgRobustnessContactSheet;
  }
}
