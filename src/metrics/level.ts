/** Throws unless `level` is a confidence level strictly between 0 and 1. */
export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`A confidence level must lie strictly between 0 and 1 (for example 0.95); got ${level}.`);
  }
}
