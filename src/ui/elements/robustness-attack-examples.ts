import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatPercent } from '../format';
import { thumbnailRgba, type AttackExample, type Thumbnail } from './robustness-attack-shapes';

/**
 * Adversarial examples beside their originals: the clean image with the model's prediction, the
 * attacked image with the prediction it now gets, and the perturbation (mid-grey = unchanged,
 * white / black = +ε / −ε). Pixels are drawn on canvases from the numbers in the run, so nothing is
 * fetched and no inline style is needed.
 */
@customElement('tg-robustness-attack-examples')
export class TgRobustnessAttackExamples extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .grid { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; }
      figure { margin: 0; display: flex; flex-direction: column; gap: 0.3rem; }
      .row { display: flex; gap: 0.4rem; align-items: flex-start; }
      .cell { display: flex; flex-direction: column; align-items: center; gap: 0.15rem; font-size: 0.75rem; color: var(--tg-muted); }
      canvas { width: 84px; height: 84px; image-rendering: pixelated; border: 1px solid var(--tg-border); border-radius: 4px; background: #000; }
      .arrow { align-self: center; color: var(--tg-muted); font-size: 1.1rem; }
      figcaption { font-size: 0.8rem; max-width: 17rem; }
      .flip { color: var(--tg-danger); font-weight: 600; }
    `,
  ];

  @property({ attribute: false }) examples: AttackExample[] = [];

  override render() {
    if (this.examples.length === 0) return html`<p class="muted">No adversarial example to show: no watched sample was fooled.</p>`;
    return html`<div class="grid" data-testid="attack-examples">
      ${this.examples.map((ex, i) => html`
        <figure data-testid="attack-example">
          <div class="row">
            <div class="cell"><canvas data-example=${i} data-part="original" width=${ex.original.image.width} height=${ex.original.image.height}
              role="img" aria-label=${`Original image ${ex.sample}, labelled ${ex.label}`}></canvas>original</div>
            <span class="arrow" aria-hidden="true">→</span>
            <div class="cell"><canvas data-example=${i} data-part="adversarial" width=${ex.adversarial.image.width} height=${ex.adversarial.image.height}
              role="img" aria-label=${`Adversarial image, now predicted ${ex.adversarial.predicted}`}></canvas>adversarial</div>
            ${ex.perturbation ? html`<div class="cell"><canvas data-example=${i} data-part="perturbation" width=${ex.perturbation.width} height=${ex.perturbation.height}
              role="img" aria-label="Perturbation, scaled to ±ε"></canvas>perturbation</div>` : null}
          </div>
          <figcaption>
            Label <strong>${ex.label}</strong>: predicted ${ex.original.predicted} <span class="nowrap">(${formatPercent(ex.original.confidence)})</span> →
            <span class="flip">${ex.adversarial.predicted}</span> <span class="nowrap">(${formatPercent(ex.adversarial.confidence)})</span>
            by ${ex.attack} at ε = ${ex.epsilon}.
          </figcaption>
        </figure>`)}
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.renderRoot.querySelectorAll('canvas').forEach((canvas) => {
      const ex = this.examples[Number(canvas.dataset.example)];
      const part = canvas.dataset.part;
      const image: Thumbnail | null | undefined = part === 'original' ? ex?.original.image : part === 'adversarial' ? ex?.adversarial.image : ex?.perturbation;
      const context = canvas.getContext('2d');
      if (!image || !context) return;
      const data = context.createImageData(image.width, image.height);
      data.data.set(thumbnailRgba(image));
      context.putImageData(data, 0, 0);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-robustness-attack-examples': TgRobustnessAttackExamples;
  }
}
