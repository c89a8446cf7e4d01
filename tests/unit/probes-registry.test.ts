import { describe, expect, it } from 'vitest';
import { getProbe, probes, UnknownProbeError } from '../../src/probes/registry';

describe('probe registry', () => {
  it('holds the validity probes under their ids', () => {
    expect(getProbe('validity/accuracy').metric.name).toBe('accuracy');
    expect(getProbe('validity/calibration').metric.name).toBe('ece');
    for (const [id, probe] of probes) expect(probe.id).toBe(id);
  });

  it('names the valid ids when asked for one that does not exist', () => {
    expect(() => getProbe('validity/acuracy')).toThrow(UnknownProbeError);
    expect(() => getProbe('validity/acuracy')).toThrow(/"validity\/acuracy".*validity\/accuracy, validity\/calibration/);
  });
});
