import { describe, expect, it } from 'vitest';
import { grade } from '../../src/core/grade';
import { latestPolicy } from '../../src/policies';
import { canonicalJson } from '../../src/report/canonical';
import { reportJson } from '../../src/report/export';
import {
  fromBase64Url, generateSigningKeyPair, keyIdOf, signedBytes, signerFromKeyPair, signReport, toBase64Url, verifyReport,
} from '../../src/report/signing';
import { sha256Hex } from '../../src/core/sha256';
import { adultRunWithFairness } from './report-fixtures';

async function signed() {
  const pair = await generateSigningKeyPair();
  const report = await signReport(grade(adultRunWithFairness(), latestPolicy(), { riskClass: 'high' }), await signerFromKeyPair(pair));
  return { report, pair };
}

describe('signing a report with ECDSA P-256 over its canonical JSON', () => {
  it('produces a signature that verifies, over the SHA-256 of the canonical JSON without the signature', async () => {
    const { report } = await signed();
    const s = report.signature!;
    expect(s.algorithm).toBe('ECDSA-P256-SHA256');
    expect(s.digest).toBe(await sha256Hex(new TextEncoder().encode(canonicalJson({ ...report, signature: undefined }))));
    expect(fromBase64Url(s.value)).toHaveLength(64);
    expect(s.keyId).toBe(await keyIdOf(s.publicKey));
    const check = await verifyReport(report);
    expect(check.status).toBe('valid');
    expect(check.message).toContain('unchanged since the key');
  });

  it('keeps a private key it cannot export', async () => {
    const { pair } = await signed();
    expect(pair.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
  });

  it('reports a report edited by one digit as invalid', async () => {
    const { report } = await signed();
    const text = reportJson(report);
    // One digit of the measurement in the run (the last occurrence: "run" sorts after "grading").
    const at = text.lastIndexOf('"value": 0.3172');
    const edited = JSON.parse(`${text.slice(0, at)}"value": 0.8172${text.slice(at + '"value": 0.3172'.length)}`);
    expect(edited.run.results[2].measurement.secondary.dp_ratio.value).toBe(0.8172);
    const check = await verifyReport(edited);
    expect(check.status).toBe('invalid');
    expect(check.message).toBe('The signature is invalid: the report’s content no longer has the SHA-256 that was signed. The report was changed after it was signed; do not rely on it.');
  });

  it('is invalid when someone re-computes the digest but cannot sign it', async () => {
    const { report } = await signed();
    const edited = structuredClone(report);
    edited.run.seed = 7;
    edited.signature!.digest = await sha256Hex(signedBytes(edited));
    expect((await verifyReport(edited)).message).toContain('the signature does not match the content and the public key');
  });

  it('is invalid when the public key is swapped for another', async () => {
    const { report } = await signed();
    const other = await signerFromKeyPair(await generateSigningKeyPair());
    const swapped = { ...report, signature: { ...report.signature!, publicKey: other.publicKey, keyId: await keyIdOf(other.publicKey) } };
    expect((await verifyReport(swapped)).status).toBe('invalid');
  });

  it('says unsigned for a report without a signature', async () => {
    expect((await verifyReport(grade(adultRunWithFairness(), latestPolicy()))).status).toBe('unsigned');
  });

  it('does not depend on the key order or whitespace of the file', async () => {
    const { report } = await signed();
    const reordered = JSON.parse(JSON.stringify(report, null, 7));
    expect((await verifyReport(reordered)).status).toBe('valid');
  });

  it('round-trips base64url', () => {
    const bytes = Uint8Array.from({ length: 67 }, (_, i) => (i * 37) % 256);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(toBase64Url(bytes)).not.toMatch(/[+/=]/);
  });
});
