/**
 * The exported report's only stylesheet, inlined and allowed by its hash in the page's CSP.
 * Screen and print: the print rules make the browser's "Save as PDF" a clean document.
 */
export const REPORT_CSS = `
:root { --text: #1f2328; --muted: #59636e; --border: #d1d9e0; --alt: #f6f8fa; --accent: #0b5cad;
  --A: #1a7f37; --B: #57a33b; --C: #b58a00; --D: #d9730d; --E: #b42318; --na: #6e7781; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid var(--border); padding-bottom: 0.25rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.3rem; }
h4 { font-size: 0.95rem; margin: 0.9rem 0 0.35rem; }
p { margin: 0 0 0.5rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
pre { background: var(--alt); border: 1px solid var(--border); border-radius: 6px; padding: 0.5rem 0.75rem; white-space: pre-wrap; word-break: break-word; }
.muted { color: var(--muted); } .small { font-size: 0.85rem; }
.head { display: flex; gap: 1.5rem; align-items: flex-start; justify-content: space-between; flex-wrap: wrap; }
.overall { text-align: center; min-width: 9rem; }
.overall .letter { font-size: 3.2rem; font-weight: 700; line-height: 1; }
.summary { font-size: 1.05rem; background: var(--alt); border-left: 4px solid var(--accent); padding: 0.6rem 0.9rem; margin: 1rem 0; }
.method { font-size: 0.85rem; color: var(--muted); }
table { border-collapse: collapse; font-size: 0.875rem; font-variant-numeric: tabular-nums; margin: 0.3rem 0 0.6rem; }
th, td { text-align: left; padding: 0.3rem 0.55rem; border-bottom: 1px solid var(--border); vertical-align: top; }
thead th { color: var(--muted); border-bottom-width: 2px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.grade { display: inline-block; min-width: 1.7rem; padding: 0.05rem 0.45rem; border-radius: 5px; font-weight: 700; text-align: center; color: #fff; background: var(--na); white-space: nowrap; }
.grade.g-A { background: var(--A); } .grade.g-B { background: var(--B); } .grade.g-C { background: var(--C); } .grade.g-D { background: var(--D); } .grade.g-E { background: var(--E); }
.grade.g-na { background: #fff; color: var(--na); border: 1px dashed var(--na); font-weight: 600; }
.letter.g-A { color: var(--A); } .letter.g-B { color: var(--B); } .letter.g-C { color: var(--C); } .letter.g-D { color: var(--D); } .letter.g-E { color: var(--E); } .letter.g-na { color: var(--na); font-size: 1.4rem; }
.pillars { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 0.6rem; }
.pillar-card { border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem 0.7rem; }
.pillar-card .name { font-weight: 600; }
.verdict-met { color: var(--A); font-weight: 600; } .verdict-unmet { color: var(--E); font-weight: 600; }
tr.declared { background: #eef5ff; }
ol.findings { padding-left: 1.3rem; } ol.findings li { margin-bottom: 0.35rem; }
.sev { font-size: 0.75rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em; margin-right: 0.35rem; }
.sev-fail { color: var(--E); } .sev-concern { color: var(--C); } .sev-unknown { color: var(--na); } .sev-pass { color: var(--A); } .sev-info { color: var(--muted); }
.probe { border: 1px solid var(--border); border-radius: 8px; padding: 0.8rem 1rem; margin: 0.8rem 0; }
.probe header { display: flex; justify-content: space-between; gap: 1rem; align-items: baseline; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
svg.chart { max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
svg .band { stroke: #fff; stroke-width: 1; opacity: 0.85; }
svg .g-A { fill: var(--A); } svg .g-B { fill: var(--B); } svg .g-C { fill: var(--C); } svg .g-D { fill: var(--D); } svg .g-E { fill: var(--E); }
svg .band-label { fill: #fff; font-weight: 700; }
svg .tick, svg .label, svg .value { fill: var(--text); } svg .muted-text { fill: var(--muted); font-style: italic; }
svg .whisker { stroke: var(--text); stroke-width: 1.5; } svg .point { fill: var(--text); }
svg .graded { stroke: var(--accent); stroke-width: 2; stroke-dasharray: 3 2; }
svg .bar { fill: #8fb3de; } svg .axis, svg .frame { stroke: var(--border); fill: none; } svg .diagonal { stroke: var(--muted); stroke-dasharray: 4 3; }
svg .cell { stroke: #fff; } svg .empty { fill: #f6f8fa; } svg .cell-text { fill: var(--text); }
${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((l) => `svg .hit-${l} { fill: rgba(11, 92, 173, ${(0.08 * l).toFixed(2)}); } svg .miss-${l} { fill: rgba(180, 35, 24, ${(0.07 * l).toFixed(2)}); }`).join('\n')}
.details { margin-top: 0.6rem; }
section.detail { margin: 0.8rem 0; }
section.detail h5 { font-size: 0.9rem; margin: 0 0 0.35rem; }
figure { margin: 0; }
figcaption { max-width: 46rem; margin-top: 0.2rem; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 0.6rem 0.8rem; }
.multiple figcaption { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin: 0 0 0.1rem; }
.legend { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; margin: 0.2rem 0; }
.key { display: inline-block; width: 1.2rem; height: 0; border-top: 2px solid var(--accent); vertical-align: 0.25rem; margin-right: 0.3rem; }
.key-ref { border-top: 2px dashed var(--muted); margin-left: 0.6rem; } .key-strong { border-top: 3px solid var(--text); }
.k-in { border-color: #2f5f99; } .k-out0 { border-color: #b42318; } .k-out1 { border-color: #1a7f37; } .k-out2 { border-color: #8a5a00; }
.key-s0 { border-top: 2px dashed #4f86c6; } .key-s1 { border-top: 2px dashed #d97706; } .key-s2 { border-top: 2px dashed #16a34a; }
.key-s3 { border-top: 2px dashed #b42318; } .key-s4 { border-top: 2px dashed #7c3aed; } .key-s5 { border-top: 2px dashed #0e7490; }
.key-m0 { border-top: 6px solid #0b5cad; } .key-m1 { border-top: 6px solid #d9730d; } .key-m2 { border-top: 6px solid #7c3aed; }
.key-method { border-top: 2px solid #b42318; } .key-random { border-top: 2px dashed var(--muted); }
.block { display: block; font-weight: 400; }
.nowrap { white-space: nowrap; } td.num { text-align: right; }
td.good { color: var(--A); } td.bad { color: var(--E); font-weight: 600; }
td.worst { background: #eef5ff; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0 0.4rem; border-radius: 4px; border: 1px solid var(--border); white-space: nowrap; }
.badge.b-passed, .badge.ff-above { color: var(--A); border-color: var(--A); }
.badge.b-failed, .badge.ff-below, .badge.h-high { color: var(--E); border-color: var(--E); }
.badge.ff-likely-below, .badge.ff-unclear, .badge.h-medium { color: var(--C); border-color: var(--C); }
.badge.b-not-run, .badge.h-low, .badge.h-info { color: var(--na); }
table.sheet th { font-size: 0.75rem; color: var(--muted); font-weight: 600; padding: 0.1rem 0.3rem; text-align: center; white-space: nowrap; }
table.sheet th[scope=row] { text-align: right; color: var(--text); font-weight: 500; }
table.sheet td { padding: 0.1rem; border: 0; }
img.thumb, img.pixels { display: block; image-rendering: pixelated; border: 1px solid var(--border); background: #000; }
table.sheet td.clean img.thumb { outline: 2px solid var(--accent); }
.examples { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; }
.example .row { display: flex; gap: 0.4rem; align-items: flex-start; }
.example .cell { display: flex; flex-direction: column; align-items: center; gap: 0.15rem; }
.example .arrow { align-self: center; color: var(--muted); }
.example figcaption { max-width: 17rem; } .flip { color: var(--E); font-weight: 600; }
table.heat th, table.heat td { border: 1px solid var(--border); text-align: center; min-width: 4.5rem; }
table.heat th { background: var(--alt); } table.heat th.corner { color: var(--muted); font-weight: 400; text-align: left; }
table.heat .n { display: block; font-size: 0.7rem; opacity: 0.85; }
table.heat td.too-few { background: repeating-linear-gradient(45deg, #f6f8fa, #f6f8fa 4px, #e4e8ec 4px, #e4e8ec 8px); color: var(--C); }
table.heat td.absent { color: var(--muted); }
${[1, 2, 3, 4, 5, 6, 7, 8].map((l) => `table.heat td.heat-${l} { background: rgba(11, 92, 173, ${(0.1 + (0.75 * (l - 1)) / 7).toFixed(3)});${l > 4 ? ' color: #fff;' : ''} }`).join('\n')}
.scale-row { display: flex; align-items: center; gap: 0.5rem; margin: 0.2rem 0 0.4rem; }
table.image-grid th, table.image-grid td { vertical-align: top; text-align: center; }
table.image-grid th.sample { text-align: left; } table.image-grid th.sample div { font-weight: 400; }
.pair { display: flex; gap: 0.4rem; }
.heat-figure figcaption { font-size: 0.75rem; max-width: 112px; } table.image-grid th { font-size: 0.8rem; } table.image-grid td, table.image-grid th { padding: 0.25rem 0.3rem; }
dl.facts + dl.facts { margin-top: 0.3rem; }
ol.hygiene { padding-left: 1.3rem; } ol.hygiene li { margin-bottom: 0.25rem; }
svg .gridline { stroke: #e4e8ec; stroke-width: 1; } svg .zero { stroke: var(--muted); stroke-width: 1; }
svg .ref { stroke: var(--muted); stroke-width: 1.2; stroke-dasharray: 4 3; } svg .ref-band { fill: #e7ecf2; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 1.8; stroke-linejoin: round; }
svg .whisker-soft { stroke: #7aa7d9; stroke-width: 1.2; } svg .dot { fill: var(--accent); stroke: #fff; stroke-width: 1; }
svg .step { fill: none; stroke-width: 1.8; } svg .in { stroke: #2f5f99; } svg .out0 { stroke: #b42318; } svg .out1 { stroke: #1a7f37; } svg .out2 { stroke: #8a5a00; }
svg .headline { stroke: var(--muted); stroke-dasharray: 2 3; }
svg .attack { fill: none; stroke-width: 1.5; stroke-dasharray: 5 3; } svg .strongest { fill: none; stroke: var(--text); stroke-width: 2.5; }
svg .roc { fill: none; stroke-width: 2; }
svg .s0 { stroke: #4f86c6; } svg .s1 { stroke: #d97706; } svg .s2 { stroke: #16a34a; } svg .s3 { stroke: #b42318; } svg .s4 { stroke: #7c3aed; } svg .s5 { stroke: #0e7490; }
svg .why { fill: var(--C); font-size: 10.5px; } svg .count { fill: var(--muted); font-size: 10.5px; }
svg .bar.small { fill: #e4e8ec; stroke: #9aa5b1; stroke-dasharray: 3 2; }
svg .reference { stroke: var(--E); stroke-width: 1.25; stroke-dasharray: 5 3; } svg .reference-label { fill: var(--E); font-size: 10px; }
svg .track { fill: #eef1f4; } svg .fill { fill: #7aa7d9; } svg .fill.flagged { fill: var(--E); }
svg .m0 { fill: #0b5cad; } svg .m1 { fill: #d9730d; } svg .m2 { fill: #7c3aed; }
svg .bar.highlight { fill: #e58b84; } svg .label.highlight { fill: var(--E); } svg .compare { fill: #c9d6e6; }
svg .area { fill: rgba(180, 35, 24, 0.08); } svg .random { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 4 3; } svg .method { fill: none; stroke: #b42318; stroke-width: 2; }
svg .c0, svg .c1, svg .c2, svg .c3, svg .c4, svg .c5 { fill: none; stroke-width: 1.8; }
svg .c0 { stroke: #0b5cad; } svg .c1 { stroke: #d9730d; } svg .c2 { stroke: #16a34a; } svg .c3 { stroke: #b42318; } svg .c4 { stroke: #7c3aed; } svg .c5 { stroke: #0e7490; }
svg.chart.heatmap { max-width: none; } svg.heatmap image { image-rendering: pixelated; } svg.heatmap .under { opacity: 0.9; }
.signature-valid { color: var(--A); font-weight: 600; } .signature-invalid { color: var(--E); font-weight: 600; } .signature-unsigned { color: var(--na); font-weight: 600; }
footer { margin-top: 3rem; font-size: 0.8rem; color: var(--muted); }
@media print {
  @page { margin: 16mm 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .pillar-card, table, svg.chart, figure, section.detail, .example, .multiples { break-inside: avoid; }
  .probe { break-inside: auto; }
  table.image-grid { table-layout: fixed; width: 100%; } svg.chart.heatmap { max-width: 100%; height: auto; }
  h3, h4, h5 { break-after: avoid; }
  table.image-grid, table.sheet, section.detail:has(table.image-grid), section.detail:has(table.sheet) { break-inside: auto; } tr { break-inside: avoid; }
  img.thumb, img.pixels, .key, svg .bar, svg rect, .badge, table.heat td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .summary { border-left-color: #000; }
  a { color: inherit; text-decoration: none; }
  .grade, .band, .letter { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
