import { describe, expect, it } from 'vitest';
import { policies, latestPolicy, findPolicy, parsePolicy, PolicyValidationError } from '../../src/policies';
import { probes } from '../../src/probes/registry';

describe.each(policies.map((p) => [`${p.id} v${p.version}`, p] as const))('shipped policy %s', (_name, policy) => {
  it('matches the policy schema', () => {
    expect(parsePolicy(structuredClone(policy))).toEqual(policy);
  });

  // Rules may be written ahead of a probe's registration (pillars land one probe at a time); each is
  // checked against the probe's declaration as soon as the probe is registered.
  it.each(policy.rules.filter((r) => probes.has(r.probe)).map((r) => [`${r.probe} ${r.metric}`, r] as const))('rule %s names a registered probe metric and reads it in its declared direction', (_key, rule) => {
    const probe = probes.get(rule.probe);
    const spec = rule.headline ? probe!.metric : probe!.secondary?.find((s) => s.name === rule.metric);
    expect(spec?.name, `${rule.probe} has no ${rule.headline ? 'headline' : 'secondary'} metric ${rule.metric}`).toBe(rule.metric);
    if (!rule.magnitude) expect(rule.direction).toBe(spec!.direction);
  });

  it('grades every registered probe, or says why it does not', () => {
    const graded = new Set([...policy.rules.map((r) => r.probe), ...(policy.ungraded ?? []).map((u) => u.probe)]);
    const missing = [...probes.keys()].filter((id) => !graded.has(id));
    expect(missing, 'add a rule in src/policies/rules/<pillar>.ts, or an ungraded entry with its reason').toEqual([]);
  });

  it('every crosswalk entry names known clauses, and every pillar has a fallback entry', () => {
    for (const pillar of ['validity', 'robustness', 'fairness', 'explainability', 'privacy']) {
      expect(policy.crosswalk.some((e) => e.probe === `${pillar}/*`), pillar).toBe(true);
    }
    // Never a claim of compliance: the crosswalk only says what a probe is evidence for.
    expect(JSON.stringify(policy)).not.toMatch(/\bcomplian(t|ce) with\b/i);
  });
});

describe('the policy catalogue', () => {
  it('finds the newest version and a given one', () => {
    expect(latestPolicy().id).toBe('trustgrade-default');
    expect(findPolicy('trustgrade-default', 1)?.version).toBe(1);
    expect(findPolicy('trustgrade-default', 99)).toBeUndefined();
    expect(() => latestPolicy('nope')).toThrow('There is no shipped policy "nope". Shipped policies: trustgrade-default v1, trustgrade-default v2.');
  });

  it('rejects a policy file with the first violation named', () => {
    const broken = structuredClone(latestPolicy()) as unknown as { rules: { bands: { A: number } }[] };
    broken.rules[0].bands.A = 0.1;
    expect(() => parsePolicy(broken)).toThrow(PolicyValidationError);
    expect(() => parsePolicy(broken)).toThrow('The policy is not valid: rules[0].bands must be ordered from A to D');
    expect(() => parsePolicy({ ...latestPolicy(), crosswalk: [{ probe: 'x/*', clauses: ['nope'], why: '' }] })).toThrow(
      'crosswalk[0].clauses[0] names clause "nope", which the policy\'s clauses do not define',
    );
  });
});
