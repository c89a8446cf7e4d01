import type { Pillar } from './types';
import type { Grading, PillarOutcome, RiskClass } from './report-types';

/** Better outcomes first; a grade that becomes not assessed is a loss of evidence, so it ranks below E. */
const ORDER: PillarOutcome[] = ['A', 'B', 'C', 'D', 'E', 'insufficient-data', 'not-assessed'];

export interface GradeChange {
  scope: 'overall' | Pillar;
  base: PillarOutcome;
  next: PillarOutcome;
  change: 'better' | 'worse' | 'same';
}

export interface VerdictChange {
  riskClass: RiskClass;
  base: boolean;
  next: boolean;
  change: 'now-meets' | 'no-longer-meets' | 'same';
}

/** How the overall and pillar grades and the risk-class verdicts changed between two gradings under one policy. */
export function gradeChanges(base: Grading, next: Grading): { grades: GradeChange[]; verdicts: VerdictChange[] } {
  const grade = (scope: GradeChange['scope'], a: PillarOutcome, b: PillarOutcome): GradeChange => {
    const d = ORDER.indexOf(b) - ORDER.indexOf(a);
    return { scope, base: a, next: b, change: d === 0 ? 'same' : d > 0 ? 'worse' : 'better' };
  };
  const grades = [
    grade('overall', base.overall.outcome, next.overall.outcome),
    ...base.pillars.map((p) => grade(p.pillar, p.outcome, next.pillars.find((q) => q.pillar === p.pillar)?.outcome ?? 'not-assessed')),
  ];
  const verdicts = base.verdicts.map((v): VerdictChange => {
    const after = next.verdicts.find((w) => w.riskClass === v.riskClass)?.meets ?? false;
    return { riskClass: v.riskClass, base: v.meets, next: after, change: v.meets === after ? 'same' : after ? 'now-meets' : 'no-longer-meets' };
  });
  return { grades, verdicts };
}
