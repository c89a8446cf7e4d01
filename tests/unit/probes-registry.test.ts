import { describe, expect, it } from 'vitest';
import type { Suite } from '../../src/core/types';
import { getProbe, probes, UnknownProbeError, unreadAuxiliary } from '../../src/probes/registry';

describe('probe registry', () => {
  it('holds the validity probes under their ids', () => {
    expect(getProbe('validity/accuracy').metric.name).toBe('accuracy');
    expect(getProbe('validity/calibration').metric.name).toBe('ece');
    for (const [id, probe] of probes) expect(probe.id).toBe(id);
  });

  it('knows which second datasets a suite reads', () => {
    const suite = (ids: string[]) => ({ probes: ids.map((id) => ({ id })) }) as unknown as Suite;
    expect(getProbe('robustness/ood').reads).toEqual(['ood']);
    expect(getProbe('privacy/membership-inference').reads).toEqual(['non-members']);
    expect(unreadAuxiliary(suite(['validity/accuracy', 'robustness/ood']), ['ood', 'non-members'])).toEqual(['non-members']);
    expect(unreadAuxiliary(suite(['robustness/ood', 'privacy/membership-inference']), ['ood', 'non-members'])).toEqual([]);
  });

  it('names the valid ids when asked for one that does not exist', () => {
    expect(() => getProbe('validity/acuracy')).toThrow(UnknownProbeError);
    expect(() => getProbe('validity/acuracy')).toThrow(/"validity\/acuracy".*validity\/accuracy, validity\/calibration/);
  });
});
