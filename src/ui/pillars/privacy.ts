import { html, nothing } from 'lit';
import type { DetailView } from './index';
import { readChecks, readExposure, readFaultTable, readFindings, readMembership } from '../elements/privacy-details';
import '../elements/privacy-roc-curve';
import '../elements/privacy-fault-table';
import '../elements/privacy-hygiene-findings';
import '../elements/privacy-provenance-checks';
import '../elements/privacy-exposure-summary';

/** How the privacy pillar's details are drawn in their probe cards. */
export const privacyViews: Record<string, DetailView> = {
  'privacy/membership-inference': {
    keys: ['attacks', 'members', 'nonMembers', 'lowFpr', 'falsePositivesAllowed'],
    render(m) {
      const d = readMembership(m.details);
      if (!d) return html`${nothing}`;
      return html`<section data-testid="membership-roc">
        <h4>Membership attacks: ROC curves</h4>
        <tg-privacy-roc-curve .attacks=${d.attacks} .lowFpr=${d.lowFpr} .members=${d.members} .nonMembers=${d.nonMembers}></tg-privacy-roc-curve>
      </section>`;
    },
  },
  'privacy/fault-tolerance': {
    keys: ['faultTable'],
    render(m) {
      const rows = readFaultTable(m.details);
      return rows ? html`<section><tg-privacy-fault-table .rows=${rows}></tg-privacy-fault-table></section>` : html`${nothing}`;
    },
  },
  'privacy/model-file-hygiene': {
    keys: ['findings', 'severityCounts'],
    render(m) {
      const findings = readFindings(m.details);
      return findings ? html`<section><h4>Findings</h4><tg-privacy-hygiene-findings .findings=${findings}></tg-privacy-hygiene-findings></section>` : html`${nothing}`;
    },
  },
  'privacy/provenance': {
    keys: ['checks'],
    render(m) {
      const checks = readChecks(m.details);
      return checks ? html`<section><h4>What the run records</h4><tg-privacy-provenance-checks .checks=${checks}></tg-privacy-provenance-checks></section>` : html`${nothing}`;
    },
  },
  'privacy/output-exposure': {
    keys: ['exposure', 'distinctConfidences', 'distinctInputs', 'decimals', 'exampleConfidences'],
    render(m) {
      const e = readExposure(m.details);
      return e ? html`<section><tg-privacy-exposure-summary .exposure=${e}></tg-privacy-exposure-summary></section>` : html`${nothing}`;
    },
  },
};
