import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../src/core/rng';

const DEMO_CSV = fileURLToPath(new URL('../../public/demo/cps-wages-1985.csv', import.meta.url));
const NUMERIC = new Set(['education', 'experience', 'age', 'wage']);

/**
 * A large tabular dataset with the demo wages columns, for load tests: each row is a seeded draw
 * of a demo row with its numeric columns jittered (±10 %), so the demo wages models and their
 * binding apply to it. Same seed, same bytes.
 */
export function synthesizeWagesCsv(rows: number, seed = 1): string {
  const [header, ...body] = readFileSync(DEMO_CSV, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const source = body.map((line) => line.split(','));
  const rng = createRng(seed);
  const out: string[] = [header];
  for (let i = 0; i < rows; i++) {
    const row = source[rng.int(source.length)].slice();
    columns.forEach((column, c) => {
      if (NUMERIC.has(column)) row[c] = (Number(row[c]) * (0.9 + 0.2 * rng.next())).toFixed(2);
    });
    out.push(row.join(','));
  }
  return `${out.join('\n')}\n`;
}

// `npx tsx scripts/large/synthesize-wages.ts 200000 > big.csv`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(synthesizeWagesCsv(Number(process.argv[2] ?? 200_000), Number(process.argv[3] ?? 1)));
}
