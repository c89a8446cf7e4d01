import type { ProbeDefinition } from '../../core/probe';
import attributions from './attributions';
import faithfulness from './faithfulness';
import globalImportance from './global-importance';
import igCompleteness from './ig-completeness';
import randomisation from './randomisation';
import stability from './stability';

/** The explainability pillar's probes, in the order suites usually list them. */
export const explainabilityProbes: ProbeDefinition[] = [
  attributions, globalImportance, faithfulness, stability, randomisation, igCompleteness,
] as ProbeDefinition[];
