import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Outcome } from '../../core/report-types';
import { isGrade, outcomeWords } from '../../core/grade-words';
import { theme } from '../styles/theme';
import { gradeColours } from './grade-styles';

/** A grade (A–E) as a coloured letter, or "not assessed" / "insufficient data" / "not graded" as a dashed label. */
@customElement('tg-grade-badge')
export class TgGradeBadge extends LitElement {
  static override styles = [
    theme,
    gradeColours,
    css`
      :host { display: inline-block; vertical-align: middle; }
      span { display: inline-block; min-width: 1.6rem; padding: 0.02rem 0.45rem; border-radius: 5px; font-weight: 700; text-align: center; color: #fff; white-space: nowrap; font-size: 0.85rem; line-height: 1.5; }
      .g-A { background: var(--tg-grade-A); } .g-B { background: var(--tg-grade-B); } .g-C { background: var(--tg-grade-C); }
      .g-D { background: var(--tg-grade-D); } .g-E { background: var(--tg-grade-E); }
      .g-na { background: transparent; color: var(--tg-grade-na); border: 1px dashed var(--tg-grade-na); font-weight: 600; }
      :host([big]) span { font-size: 2.6rem; min-width: 4.2rem; padding: 0.15rem 0.6rem; border-radius: 10px; line-height: 1.15; }
      :host([big]) .g-na { font-size: 1.05rem; padding: 0.6rem 0.6rem; }
    `,
  ];

  @property() outcome: Outcome = 'not-assessed';
  @property({ type: Boolean, reflect: true }) big = false;

  override render() {
    const graded = isGrade(this.outcome);
    return html`<span class=${graded ? `g-${this.outcome}` : 'g-na'} data-outcome=${this.outcome}
      aria-label=${graded ? `grade ${this.outcome}` : outcomeWords(this.outcome)}>${outcomeWords(this.outcome)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-grade-badge': TgGradeBadge;
  }
}
