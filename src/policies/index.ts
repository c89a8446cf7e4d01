import type { Policy } from '../core/report-types';
import { trustgradeDefaultV1 } from './trustgrade-default-v1';
import { trustgradeDefaultV2 } from './trustgrade-default-v2';

export { parsePolicy, PolicyValidationError } from './policy-schema';

/** The policy the app and CLI grade with unless told otherwise. */
export const DEFAULT_POLICY_ID = 'trustgrade-default';

/** Every policy version TrustGrade ships, oldest first. Old versions stay so stored runs can be re-graded as they were. */
export const policies: readonly Policy[] = [trustgradeDefaultV1, trustgradeDefaultV2];

/** Thrown when no shipped policy has the id (and version). */
export class UnknownPolicyError extends Error {
  constructor(id: string, version?: number) {
    const known = policies.map((p) => `${p.id} v${p.version}`).join(', ');
    super(
      `There is no shipped policy "${id}"${version === undefined ? '' : ` version ${version}`}. Shipped policies: ${known}. ` +
        'Give a policy file with --policy <file.json> to grade under another one.',
    );
    this.name = 'UnknownPolicyError';
  }
}

/** The newest version of a shipped policy. */
export function latestPolicy(id: string = DEFAULT_POLICY_ID): Policy {
  const versions = policies.filter((p) => p.id === id);
  if (versions.length === 0) throw new UnknownPolicyError(id);
  return versions.reduce((a, b) => (b.version > a.version ? b : a));
}

/** One shipped policy version, or undefined. */
export function findPolicy(id: string, version: number): Policy | undefined {
  return policies.find((p) => p.id === id && p.version === version);
}
