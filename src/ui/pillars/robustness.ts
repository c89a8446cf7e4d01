import { html, nothing } from 'lit';
import type { DetailView } from './index';
import { ATTACK_DETAIL_KEYS, readAttackDetails } from '../elements/robustness-attack-shapes';
import '../elements/robustness-attack-details';
import { perturbationViews } from '../elements/robustness-perturbation-views';

const attackView: DetailView = {
  keys: ATTACK_DETAIL_KEYS,
  render(m) {
    const details = readAttackDetails(m.details);
    return details ? html`<tg-robustness-attack-details .details=${details}></tg-robustness-attack-details>` : html`${nothing}`;
  },
};

/** How the robustness pillar's details are drawn in their probe cards. */
export const robustnessViews: Record<string, DetailView> = {
  ...perturbationViews,
  'robustness/white-box-attacks': attackView,
  'robustness/black-box-attacks': attackView,
};
