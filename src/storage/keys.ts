/**
 * The per-installation report-signing key, kept in IndexedDB. The private key is generated
 * non-extractable, so no script — this app's included — can read it out; IndexedDB stores the
 * CryptoKey object itself. Signatures are cached by the digest they sign: ECDSA signatures are
 * randomised, and the same report exported twice must give the same bytes.
 */
import { sha256Hex } from '../core/sha256';
import { fromBase64Url, generateSigningKeyPair, keyIdOf, signerFromKeyPair, toBase64Url, type ReportSigner } from '../report/signing';
import { openDatabase, type TrustGradeDatabase } from './database';
import { toStorageError } from './errors';
import { DB_NAME, type StoredKeyPair } from './schema';

const INSTALLATION = 'installation';

export interface InstallationSigner extends ReportSigner {
  keyId: string;
  createdAt: string;
}

/** The installation's key pair, created on first use. */
export async function installationKey(db: TrustGradeDatabase): Promise<StoredKeyPair> {
  try {
    const existing = await db.get('keys', INSTALLATION);
    if (existing) return existing;
    // Generate outside the transaction (an await on WebCrypto would let it commit), then keep
    // whichever key got there first, so two tabs opening at once agree on one key.
    const pair = await generateSigningKeyPair();
    const jwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
    const created: StoredKeyPair = {
      privateKey: pair.privateKey,
      publicKey: pair.publicKey,
      keyId: await keyIdOf({ x: jwk.x!, y: jwk.y! }),
      createdAt: new Date().toISOString(),
    };
    const tx = db.transaction('keys', 'readwrite');
    const raced = await tx.store.get(INSTALLATION);
    if (!raced) await tx.store.put(created, INSTALLATION);
    await tx.done;
    return raced ?? created;
  } catch (error) {
    throw toStorageError(error, 'reading the report-signing key');
  }
}

/** A signer over the installation key that returns the stored signature when the same bytes were signed before. */
export async function installationSigner(db: TrustGradeDatabase): Promise<InstallationSigner> {
  const key = await installationKey(db);
  const signer = await signerFromKeyPair({ privateKey: key.privateKey, publicKey: key.publicKey });
  return {
    ...signer,
    keyId: key.keyId,
    createdAt: key.createdAt,
    async sign(data) {
      const digest = await sha256Hex(data);
      const cached = await db.get('signatures', digest);
      if (cached && cached.keyId === key.keyId) return fromBase64Url(cached.value);
      const value = await signer.sign(data);
      await db.put('signatures', { digest, keyId: key.keyId, value: toBase64Url(value), signedAt: new Date().toISOString() });
      return value;
    },
  };
}

/** Opens the app's database and returns the installation signer (for pages that do not hold the store). */
export async function openInstallationSigner(name: string = DB_NAME, factory?: IDBFactory): Promise<InstallationSigner> {
  const db = await openDatabase(name, factory);
  return installationSigner(db);
}
