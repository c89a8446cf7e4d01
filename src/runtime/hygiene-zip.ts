/**
 * Hygiene of a zipped model: entries that would land outside the folder ("zip slip"), archives
 * that declare more data than can be unpacked safely, extreme compression ratios, zips inside
 * zips. Entry names and sizes are read from the central directory before anything is inflated.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { HygieneFinding, ModelFile } from '../core/types';
import { messageOf } from './errors';
import { excerpt, finding, formatBytes, plural } from './hygiene-finding';
import { normalizePath, unsafePathReason } from './paths';
import { MAX_UNZIPPED_BYTES, looksLikeZip, stripCommonFolder } from './zip';

/** An entry that inflates more than this many times its stored size, and to more than 100 MB, is flagged. */
const SUSPICIOUS_RATIO = 200;
const SUSPICIOUS_SIZE = 100e6;

export interface ZipAudit {
  findings: HygieneFinding[];
  /** The safe entries, unpacked, for auditing the model inside; empty when nothing could be unpacked safely. */
  files: ModelFile[];
}

export function auditZip(bytes: Uint8Array, zipName: string): ZipAudit {
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, { filter: (info) => { entries.push({ ...info }); return false; } });
  } catch (error) {
    return { findings: [unreadable(zipName, error)], files: [] };
  }
  const out: HygieneFinding[] = [];
  const unsafe = entries.map((e) => ({ e, reason: unsafePathReason(e.name) })).filter((x) => x.reason !== null);
  if (unsafe.length > 0) {
    out.push(finding('zip-unsafe-entry', 'high', zipName,
      `'${zipName}' has ${plural(unsafe.length, 'entry', 'entries')} that would be written outside the folder it is unpacked into ` +
        `(${unsafe.slice(0, 3).map((x) => `'${excerpt(x.e.name)}': ${x.reason}`).join('; ')}${unsafe.length > 3 ? '; …' : ''}) — a "zip slip". ` +
        'TrustGrade refuses the zip; do not unpack it with tools that follow such paths.'));
  }
  const declared = entries.reduce((sum, e) => sum + e.originalSize, 0);
  if (declared > MAX_UNZIPPED_BYTES) {
    out.push(finding('zip-too-large', 'high', zipName,
      `'${zipName}' declares ${formatBytes(declared)} of unpacked data in ${formatBytes(bytes.length)} — more than TrustGrade unpacks ` +
        `(${formatBytes(MAX_UNZIPPED_BYTES)}), the pattern of a "zip bomb" meant to exhaust memory. Nothing was unpacked; drop the model files themselves.`));
    return { findings: out, files: [] };
  }
  const inflating = entries.filter((e) => e.originalSize > SUSPICIOUS_SIZE && e.originalSize > SUSPICIOUS_RATIO * Math.max(1, e.size));
  if (inflating.length > 0) {
    out.push(finding('zip-high-compression', 'medium', zipName,
      `'${zipName}' has ${plural(inflating.length, 'entry', 'entries')} that inflate more than ${SUSPICIOUS_RATIO} times ` +
        `(e.g. '${excerpt(inflating[0].name)}': ${formatBytes(inflating[0].size)} → ${formatBytes(inflating[0].originalSize)}). Model weights do not compress like that.`));
  }
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, { filter: (info) => unsafePathReason(info.name) === null && !info.name.endsWith('/') });
  } catch (error) {
    return { findings: [...out, unreadable(zipName, error)], files: [] };
  }
  const files = Object.entries(unpacked).map(([path, data]) => ({ path: normalizePath(path), bytes: data }));
  const nested = files.filter((f) => looksLikeZip(f.bytes));
  if (nested.length > 0) {
    out.push(finding('zip-nested', 'low', zipName,
      `'${zipName}' contains another zip ('${excerpt(nested[0].path)}'); TrustGrade does not unpack zips inside zips. Unpack it and drop the model files.`));
  }
  return { findings: out, files: files.length > 0 ? stripCommonFolder(files) : [] };
}

function unreadable(zipName: string, error: unknown): HygieneFinding {
  return finding('zip-unreadable', 'medium', zipName,
    `'${zipName}' could not be read as a zip (${excerpt(messageOf(error), 100)}). It is damaged or not a zip; zip the model files again.`);
}
