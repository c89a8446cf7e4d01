/** What the fairness pillar adds to the shipped suites. */
import { describe, expect, it } from 'vitest';
import { getProbe } from '../../src/probes/registry';
import { findSuite } from '../../src/suites/catalogue';
import { resolveProbeParams } from '../../src/suites/params';

const fairness = (suite: ReturnType<typeof findSuite>) => suite.probes.filter((p) => p.id.startsWith('fairness/'));

describe('fairness in the suites', () => {
  it('runs every fairness probe in the standard tabular suites, the graded ones with 1,000 resamples', () => {
    for (const task of ['binary-classification', 'multiclass-classification'] as const) {
      const probes = fairness(findSuite('standard', 'tabular', task));
      expect(probes.map((p) => p.id)).toEqual([
        'fairness/group-metrics', 'fairness/inequality', 'fairness/counterfactual', 'fairness/consistency', 'fairness/proxies',
      ]);
      for (const p of probes) expect(resolveProbeParams(getProbe(p.id), p).bootstrap).toBe(p.id === 'fairness/proxies' ? 200 : 1000);
    }
  });

  it('runs only the group metrics, with 200 resamples and no intersections, in the quick suite', () => {
    const [group, ...rest] = fairness(findSuite('quick', 'tabular', 'binary-classification'));
    expect(rest).toEqual([]);
    expect(resolveProbeParams(getProbe(group.id), group)).toMatchObject({ bootstrap: 200, intersections: 1, minGroupSize: 30, threshold: 0.5 });
  });

  it('adds nothing to image suites (images carry no sensitive attributes)', () => {
    for (const id of ['quick', 'standard']) expect(fairness(findSuite(id, 'image', 'multiclass-classification'))).toEqual([]);
  });
});
