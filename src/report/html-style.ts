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
.signature-valid { color: var(--A); font-weight: 600; } .signature-invalid { color: var(--E); font-weight: 600; } .signature-unsigned { color: var(--na); font-weight: 600; }
footer { margin-top: 3rem; font-size: 0.8rem; color: var(--muted); }
@media print {
  @page { margin: 16mm 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .probe, .pillar-card, table, svg.chart { break-inside: avoid; }
  .summary { border-left-color: #000; }
  a { color: inherit; text-decoration: none; }
  .grade, .band, .letter { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
