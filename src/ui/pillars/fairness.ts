/**
 * How the fairness pillar's results are drawn inside their probe cards: per-group bars with
 * interval whiskers, heat maps of intersections and the disparity table for the group probes; the
 * flip test per attribute; mean benefit per group; and the proxy list.
 */
import { html } from 'lit';
import type { DetailView } from './index';
import {
  GROUP_DETAIL_KEYS, readCounterfactualDetails, readGroupDetails, readInequalityDetails, readProxyDetails,
} from '../elements/fairness-details';
import '../elements/fairness-group-view';
import '../elements/fairness-counterfactual-view';
import '../elements/fairness-inequality-view';
import '../elements/fairness-proxy-list';

const unreadable = html`<p class="muted">The details of this result could not be read (recorded by another version?).</p>`;

const groupView: DetailView = {
  keys: GROUP_DETAIL_KEYS,
  render: (m) => {
    const details = readGroupDetails(m.details);
    return details ? html`<tg-fairness-group-view .details=${details}></tg-fairness-group-view>` : unreadable;
  },
};

export const fairnessViews: Record<string, DetailView> = {
  'fairness/group-metrics': groupView,
  'fairness/inequality': {
    keys: ['decision', 'minGroupSize', 'partitions'],
    render: (m) => {
      const d = readInequalityDetails(m.details);
      return d ? html`<tg-fairness-inequality-view .partitions=${d.partitions} .minGroupSize=${d.minGroupSize}></tg-fairness-inequality-view>` : unreadable;
    },
  },
  'fairness/counterfactual': {
    keys: ['decision', 'rowsTested', 'attributes'],
    render: (m) => {
      const d = readCounterfactualDetails(m.details);
      return d ? html`<tg-fairness-counterfactual-view .results=${d.attributes} .rowsTested=${d.rowsTested}></tg-fairness-counterfactual-view>` : unreadable;
    },
  },
  'fairness/consistency': {
    keys: ['decision', 'neighbours', 'queried'],
    render: (m) => {
      const d = m.details ?? {};
      return html`<p class="definition">Each of ${String(d.queried ?? '?')} rows was compared with its ${String(d.neighbours ?? '?')} nearest rows in the model's input space.</p>`;
    },
  },
  'fairness/proxies': {
    keys: ['flagAt', 'attributes', 'columns'],
    render: (m) => {
      const d = readProxyDetails(m.details);
      return d ? html`<tg-fairness-proxy-list .columns=${d.columns} .flagAt=${d.flagAt}></tg-fairness-proxy-list>` : unreadable;
    },
  },
};
