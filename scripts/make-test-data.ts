/**
 * Writes the tiny dataset fixtures in tests/fixtures/data/ (good files and bad ones for error
 * tests). Deterministic: run `npx tsx scripts/make-test-data.ts` and the files come out the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { encode as encodePng } from 'fast-png';
import { gzipSync } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';

const dir = new URL('../tests/fixtures/data/', import.meta.url);
mkdirSync(dir, { recursive: true });
const write = (name: string, data: string | Uint8Array): void => writeFileSync(new URL(name, dir), data);

// ── Tables ──
write('people.csv', 'age,sex,income\n39,Male,>50K\n50,Female,<=50K\n?,Female,<=50K\n28,Other,>50K\n');
write('people-semicolon.csv', '\uFEFF"age";"sex";"income"\n39;"Male";">50K"\n50;"Female";"<=50K"\n\n\n');
write('people.json', JSON.stringify([
  { age: 39, sex: 'Male', income: '>50K' },
  { age: 50, sex: 'Female', income: '<=50K' },
  { age: null, sex: 'Female', income: '<=50K' },
], null, 2));
write('people-table.json', JSON.stringify({ columns: ['age', 'sex', 'income'], rows: [[39, 'Male', '>50K'], [50, 'Female', '<=50K']] }));
write('people.binding.json', JSON.stringify({
  kind: 'tabular',
  features: [
    { column: 'age', kind: 'numeric', divisor: 100, impute: 40 },
    { column: 'sex', kind: 'one-hot', vocabulary: ['Female', 'Male'] },
  ],
  target: 'income',
  sensitive: ['sex'],
  output: { kind: 'probabilities', labels: ['<=50K', '>50K'], positive: '>50K' },
}, null, 2));

// ── Bad tables ──
write('empty.csv', '');
write('header-only.csv', 'age,sex,income\n');
write('ragged.csv', 'age,sex,income\n39,Male,>50K\n50,Female\n28,Male,>50K\n');
write('numeric-text.csv', 'age,sex,income\n39,Male,>50K\nabc,Female,<=50K\n');
write('invalid.json', '[{"age": 39, "sex": "Male"},\n {"age": 50 "sex": "Female"}]\n');
write('random-bytes.bin', Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 5) & 0xff));

// ── MNIST IDX: three 2×2 images labelled 7, 2, 1 ──
const idxImages = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 255, 255, 0, 10, 20, 30, 40, 255, 255, 255, 255]);
const idxLabels = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]);
write('tiny-images-idx3-ubyte', idxImages);
write('tiny-labels-idx1-ubyte', idxLabels);
write('tiny-images-idx3-ubyte.gz', gzipSync(idxImages, { mtime: 0 }));
write('tiny-labels-idx1-ubyte.gz', gzipSync(idxLabels, { mtime: 0 }));
write('truncated-images-idx3-ubyte', idxImages.subarray(0, 20));

// ── Images: 2×2 gray PNGs labelled by name, an RGB one, one of another size, a JPEG ──
const gray = (values: number[]): Uint8Array => encodePng({ width: 2, height: 2, data: Uint8Array.from(values), channels: 1, depth: 8 });
mkdirSync(new URL('images/', dir), { recursive: true });
write('images/digit_00_3.png', gray([0, 64, 128, 255]));
write('images/digit_01_5.png', gray([255, 128, 64, 0]));
write('images/labels.csv', 'file,label\ndigit_00_3.png,8\ndigit_01_5.png,9\n');
write('rgb_2.png', encodePng({ width: 2, height: 2, data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]), channels: 3, depth: 8 }));
write('big_4.png', encodePng({ width: 3, height: 3, data: new Uint8Array(9).fill(100), channels: 1, depth: 8 }));
const jpeg = encodeJpeg({ width: 8, height: 8, data: new Uint8Array(8 * 8 * 4).fill(200) }, 95).data;
write('flat_1.jpg', new Uint8Array(jpeg));
console.log('wrote', dir.pathname);
