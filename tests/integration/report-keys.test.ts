import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database';
import { installationKey, installationSigner, openInstallationSigner } from '../../src/storage/keys';
import { latestPolicy } from '../../src/policies';
import { buildReport, reportJson } from '../../src/report/export';
import { verifyReport } from '../../src/report/signing';
import { adultRunWithFairness } from '../unit/report-fixtures';

describe('the per-installation signing key in IndexedDB', () => {
  it('is created once and found again, with a private key that cannot be exported', async () => {
    const factory = new IDBFactory();
    const db = await openDatabase('trustgrade', factory);
    const first = await installationKey(db);
    db.close();
    const again = await installationKey(await openDatabase('trustgrade', factory));
    expect(again.keyId).toBe(first.keyId);
    expect(again.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(again.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('pkcs8', again.privateKey)).rejects.toThrow();
  });

  it('signs reports that verify, and the same report exported twice gives byte-identical signed JSON', async () => {
    const signer = await openInstallationSigner('trustgrade', new IDBFactory());
    const a = reportJson(await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'high', signer }));
    const b = reportJson(await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'high', signer }));
    expect(a).toBe(b);
    const report = JSON.parse(a);
    expect(report.signature.keyId).toBe(signer.keyId);
    expect((await verifyReport(report)).status).toBe('valid');
  });

  it('signs a changed report afresh', async () => {
    const db = await openDatabase('trustgrade', new IDBFactory());
    const signer = await installationSigner(db);
    const one = await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'high', signer });
    const other = await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'limited', signer });
    expect(one.signature!.value).not.toBe(other.signature!.value);
    expect(await db.count('signatures')).toBe(2);
  });
});
