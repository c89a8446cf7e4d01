import type { Clause, CrosswalkEntry } from '../core/report-types';

/**
 * The clauses of standards and regulations TrustGrade's probes can give evidence for, paraphrased.
 * A probe's measurement is *evidence for* a clause — one input to an assessment against it — never
 * a statement that a model complies with it. Clause numbers are given only where the published text
 * numbers them; ISO/IEC technical reports are cited by the method family they describe.
 */
export const clauses: Clause[] = [
  { id: 'nist-measure-2.5', framework: 'NIST AI RMF 1.0', reference: 'MEASURE 2.5', title: 'The AI system to be deployed is demonstrated to be valid and reliable; limits of generalisation are documented.' },
  { id: 'nist-measure-2.6', framework: 'NIST AI RMF 1.0', reference: 'MEASURE 2.6', title: 'The AI system is evaluated for safety risks and can fail safely, particularly beyond its knowledge limits.' },
  { id: 'nist-measure-2.7', framework: 'NIST AI RMF 1.0', reference: 'MEASURE 2.7', title: 'AI system security and resilience are evaluated and documented.' },
  { id: 'nist-measure-2.8', framework: 'NIST AI RMF 1.0', reference: 'MEASURE 2.8', title: 'Risks associated with transparency and accountability are examined and documented.' },
  { id: 'nist-measure-2.9', framework: 'NIST AI RMF 1.0', reference: 'MEASURE 2.9', title: 'The AI model is explained, validated and documented, and its output is interpreted within its context.' },
  { id: 'nist-measure-2.10', framework: 'NIST AI RMF 1.0', reference: 'MEASURE 2.10', title: 'Privacy risk of the AI system is examined and documented.' },
  { id: 'nist-measure-2.11', framework: 'NIST AI RMF 1.0', reference: 'MEASURE 2.11', title: 'Fairness and bias are evaluated and the results are documented.' },
  { id: 'iso-24029-1-statistical', framework: 'ISO/IEC TR 24029-1:2021', reference: 'statistical methods', title: 'Robustness assessed statistically: performance measured on perturbed or shifted test data, with its uncertainty.' },
  { id: 'iso-24029-1-empirical', framework: 'ISO/IEC TR 24029-1:2021', reference: 'empirical methods', title: 'Robustness assessed empirically: testing against crafted inputs such as adversarial examples.' },
  { id: 'iso-24027-assessment', framework: 'ISO/IEC TR 24027:2021', reference: 'assessment of bias and fairness', title: 'Bias in AI-aided decisions measured with fairness metrics over demographic groups (demographic parity, equalized odds, equality of opportunity…).' },
  { id: 'eu-ai-act-10-2-f', framework: 'EU AI Act (Regulation (EU) 2024/1689)', reference: 'Article 10(2)(f)', title: 'Examination in view of possible biases likely to lead to discrimination.' },
  { id: 'eu-ai-act-15-1', framework: 'EU AI Act (Regulation (EU) 2024/1689)', reference: 'Article 15(1)', title: 'High-risk AI systems achieve an appropriate level of accuracy, robustness and cybersecurity.' },
  { id: 'eu-ai-act-15-3', framework: 'EU AI Act (Regulation (EU) 2024/1689)', reference: 'Article 15(3)', title: 'The levels of accuracy and the relevant accuracy metrics are declared in the instructions for use.' },
  { id: 'eu-ai-act-15-4', framework: 'EU AI Act (Regulation (EU) 2024/1689)', reference: 'Article 15(4)', title: 'Resilience as regards errors, faults or inconsistencies within the system or its environment.' },
  { id: 'eu-ai-act-15-5', framework: 'EU AI Act (Regulation (EU) 2024/1689)', reference: 'Article 15(5)', title: 'Resilience against attempts to alter use or performance: adversarial examples, model evasion, confidentiality attacks, model flaws.' },
  { id: 'gbt-45225-4', framework: 'GB/T 45225-2025', reference: 'clause 4, evaluation indicator system', title: 'Deep-learning algorithm evaluation: indicators for the algorithm characteristic concerned.' },
  { id: 'gbt-45225-annex-a', framework: 'GB/T 45225-2025', reference: 'Annex A', title: 'Selection of evaluation indicators and setting of their thresholds.' },
];

/**
 * Which clauses each probe is evidence for. A probe without its own entry takes its pillar's
 * `<pillar>/*` entry, so probes added later are never shown without a crosswalk.
 */
export const crosswalk: CrosswalkEntry[] = [
  {
    probe: 'validity/accuracy',
    clauses: ['nist-measure-2.5', 'eu-ai-act-15-1', 'eu-ai-act-15-3', 'gbt-45225-4'],
    why: 'Accuracy, balanced accuracy and macro F1 with intervals are the declared accuracy metrics Article 15(3) asks for and the validity evidence MEASURE 2.5 asks for.',
  },
  {
    probe: 'validity/calibration',
    clauses: ['nist-measure-2.5', 'eu-ai-act-15-1', 'gbt-45225-4'],
    why: 'Whether stated confidence matches observed accuracy is part of reliability: a user acting on a 90 % confidence needs it to mean 90 %.',
  },
  {
    probe: 'validity/*',
    clauses: ['nist-measure-2.5', 'eu-ai-act-15-1', 'gbt-45225-4'],
    why: 'Measures how well the model does what it is for.',
  },
  {
    probe: 'robustness/*',
    clauses: ['nist-measure-2.6', 'nist-measure-2.7', 'iso-24029-1-statistical', 'iso-24029-1-empirical', 'eu-ai-act-15-1', 'eu-ai-act-15-4', 'eu-ai-act-15-5', 'gbt-45225-4'],
    why: 'Measures how performance holds up under corrupted, perturbed, adversarial or out-of-distribution inputs.',
  },
  {
    probe: 'fairness/*',
    clauses: ['nist-measure-2.11', 'iso-24027-assessment', 'eu-ai-act-10-2-f', 'gbt-45225-4'],
    why: 'Measures differences in outcomes and errors between demographic groups, with intervals.',
  },
  {
    probe: 'explainability/*',
    clauses: ['nist-measure-2.8', 'nist-measure-2.9', 'gbt-45225-4'],
    why: 'Measures whether explanations of the model are faithful, stable and pass sanity checks.',
  },
  {
    probe: 'privacy/*',
    clauses: ['nist-measure-2.7', 'nist-measure-2.10', 'eu-ai-act-15-5', 'gbt-45225-4'],
    why: 'Measures what the model leaks about its training data and how it withstands hostile inputs and files.',
  },
];
