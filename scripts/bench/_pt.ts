import { ProxyTables } from '../../src/probes/fairness/proxy-tables';
import { createRng } from '../../src/core/rng';
const n = 32561, rng = createRng(1);
const cols: any[] = [];
for (let c = 0; c < 9; c++) cols.push({ column: 'c' + c, kind: 'categorical', codes: Int32Array.from({ length: n }, () => rng.int(10)), levels: Array.from({ length: 10 }, (_, i) => String(i)) });
for (let c = 0; c < 4; c++) cols.push({ column: 'n' + c, kind: 'numeric', values: Float64Array.from({ length: n }, () => rng.normal()) });
const attrs = [2, 5].map((k, a) => ({ name: 'a' + a, codes: Int32Array.from({ length: n }, () => rng.int(k)), values: Array.from({ length: k }, (_, i) => String(i)) }));
import { codeCells } from '../../src/metrics/fairness-cells';
const t = new ProxyTables(cols, codeCells(['a0','a1'], attrs.map((a) => Array.from(a.codes, String))));
const idx = Int32Array.from({ length: n }, () => rng.int(n));
let t0 = performance.now();
for (let r = 0; r < 100; r++) t.scores(idx);
console.log('100 resamples', (performance.now() - t0).toFixed(0), 'ms');
{
  const perCat = 18; const cells = new Int32Array(n * perCat); for (let i = 0; i < cells.length; i++) cells[i] = rng.int(360);
  const counts = new Float64Array(360);
  let t1 = performance.now();
  for (let r = 0; r < 100; r++) { counts.fill(0); for (let j = 0; j < n; j++) { const i = idx[j]; const b = i * perCat; for (let p = 0; p < perCat; p++) counts[cells[b + p]] += 1; } }
  console.log('plain cat loop 100', (performance.now() - t1).toFixed(0), 'ms');
  const cnt = new Int32Array(360);
  t1 = performance.now();
  for (let r = 0; r < 100; r++) { cnt.fill(0); for (let j = 0; j < n; j++) { const i = idx[j]; const b = i * perCat; for (let p = 0; p < perCat; p++) cnt[cells[b + p]]++; } }
  console.log('int cat loop 100', (performance.now() - t1).toFixed(0), 'ms');
}
