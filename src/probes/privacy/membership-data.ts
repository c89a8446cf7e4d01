import type { PreparedData, ProbeContext } from '../../core/probe';
import { predictAll } from '../predict-all';

/** Members and non-members with a known label, their predictions, and where the split came from. */
export interface MembershipSamples {
  /** m × k probabilities. */
  probs: Float32Array;
  y: Int32Array;
  /** 1 for a member (training sample), 0 for a non-member. */
  member: Uint8Array;
  members: number;
  nonMembers: number;
  /** How members and non-members were told apart, for the notes. */
  source: string;
  /** Samples left out because their label is unknown. */
  unlabelled: number;
}

/** Why the probe cannot tell members from non-members here. */
export const NO_SPLIT =
  "needs members and non-members: declare the binding's split ({ column, member }) or give a second dataset of known non-members";

/**
 * Members and non-members from the binding's split (PreparedData.member), or from a second dataset
 * given as 'non-members' (then every main row is a member, unless the split says otherwise).
 * Null when neither is there. Predicts whatever it needs; `share` is this step's part of the progress.
 */
export async function membershipSamples(ctx: ProbeContext<unknown>, share: number): Promise<MembershipSamples | null> {
  const nonMembers = ctx.auxiliary('non-members');
  const split = ctx.data.member;
  if (!split && !nonMembers) return null;
  const mainShare = nonMembers ? share * (ctx.data.n / (ctx.data.n + nonMembers.n)) : share;
  const mainProbs = await predictAll(ctx, { share: mainShare });
  const parts: { data: PreparedData; probs: Float32Array; isMember: (i: number) => boolean }[] = [
    { data: ctx.data, probs: mainProbs, isMember: (i) => (split ? split[i] : true) },
  ];
  if (nonMembers) {
    const probs = await predictAll(
      { ...ctx, data: nonMembers, progress: (f, message) => ctx.progress(mainShare + (share - mainShare) * f, message) },
    );
    parts.push({ data: nonMembers, probs, isMember: () => false });
  }
  const k = ctx.model.labels.length;
  let m = 0;
  for (const part of parts) for (const label of part.data.y) if (label >= 0) m++;
  const probs = new Float32Array(m * k);
  const y = new Int32Array(m);
  const member = new Uint8Array(m);
  let next = 0;
  let unlabelled = 0;
  for (const part of parts) {
    part.data.y.forEach((label, i) => {
      if (label < 0) {
        unlabelled++;
        return;
      }
      probs.set(part.probs.subarray(i * k, (i + 1) * k), next * k);
      y[next] = label;
      member[next] = part.isMember(i) ? 1 : 0;
      next++;
    });
  }
  const members = member.reduce((a, b) => a + b, 0);
  const source = nonMembers
    ? split
      ? `Members are the rows the binding's split marks as members; non-members are the other rows plus the ${nonMembers.n} rows of the non-members dataset.`
      : `Every row of the evaluated dataset is taken as a member; non-members are the ${nonMembers.n} rows of the non-members dataset.`
    : `Members and non-members come from the binding's split column '${splitColumn(ctx.data)}'.`;
  return { probs, y, member, members, nonMembers: m - members, source, unlabelled };
}

function splitColumn(data: PreparedData): string {
  return data.binding.kind === 'tabular' && data.binding.split ? data.binding.split.column : '(split)';
}
