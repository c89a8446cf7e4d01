/**
 * The IndexedDB schema of TrustGrade and its numbered migrations. `migrations[i]` upgrades a
 * database from version i to i + 1; the current version is the number of migrations. Never edit a
 * migration that has shipped: add a new one, and a fixture written by the old version to
 * tests/fixtures/storage/ so the storage-migration test proves old data still opens.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Dataset, DatasetManifest, Json, ModelFile, ModelInfo, Run, RunSummary } from '../core/types';

export const DB_NAME = 'trustgrade';

/** A model the app has seen; its bytes are kept only when the user asks. */
export interface StoredModel {
  info: ModelInfo;
  files?: ModelFile[];
  /** ISO time the model was first stored. */
  addedAt: string;
}

/** A dataset the app has seen; its data is kept only when the user asks. */
export interface StoredDataset {
  manifest: DatasetManifest;
  dataset?: Dataset;
}

/** The installation's report-signing key pair; the private key is a non-extractable CryptoKey (storage/keys.ts). */
export interface StoredKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** SHA-256 of the public key point: the key's fingerprint. */
  keyId: string;
  createdAt: string;
}

/** A signature already made, kept so the same report exported again is byte-identical (ECDSA signatures are randomised). */
export interface StoredSignature {
  /** SHA-256 (hex) of the signed bytes. */
  digest: string;
  keyId: string;
  /** base64url P1363 signature. */
  value: string;
  signedAt: string;
}

export interface TrustGradeDB extends DBSchema {
  /** Small list entries, so the history loads without reading every probe result. */
  runs: {
    key: string;
    value: RunSummary;
    indexes: { 'by-createdAt': string; 'by-modelSha256': string; 'by-family': string };
  };
  /** The full Run, under the same id as its summary. */
  runDetails: { key: string; value: Run };
  models: { key: string; value: StoredModel };
  datasets: { key: string; value: StoredDataset };
  /** Key-value preferences (out-of-line keys). */
  settings: { key: string; value: Json };
  /** Signing keys by name (out-of-line keys); 'installation' is the per-installation key. Schema version 2. */
  keys: { key: string; value: StoredKeyPair };
  /** Signatures by the digest they sign. Schema version 2. */
  signatures: { key: string; value: StoredSignature };
}

export type UpgradeTransaction = IDBPTransaction<TrustGradeDB, StoreNames<TrustGradeDB>[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<TrustGradeDB>, tx: UpgradeTransaction) => void;

export const migrations: readonly Migration[] = [
  // 0 → 1: the first schema.
  (db) => {
    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('by-createdAt', 'createdAt');
    runs.createIndex('by-modelSha256', 'modelSha256');
    // Runs without a label are simply absent from this index.
    runs.createIndex('by-family', 'label.family');
    db.createObjectStore('runDetails', { keyPath: 'id' });
    db.createObjectStore('models', { keyPath: 'info.sha256' });
    db.createObjectStore('datasets', { keyPath: 'manifest.sha256' });
    db.createObjectStore('settings');
  },
  // 1 → 2: the report-signing key and the signatures made with it (storage/keys.ts).
  (db) => {
    db.createObjectStore('keys');
    db.createObjectStore('signatures', { keyPath: 'digest' });
  },
];

export const DB_VERSION = migrations.length;

/** Applies migrations[oldVersion .. newVersion) in order, inside the upgrade transaction. */
export function applyMigrations(
  db: IDBPDatabase<TrustGradeDB>,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
): void {
  for (let version = oldVersion; version < newVersion; version++) {
    const migrate = migrations[version];
    if (!migrate) throw new Error(`there is no migration from schema version ${version} to ${version + 1}`);
    migrate(db, tx);
  }
}
