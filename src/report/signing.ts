/**
 * Tamper evidence: a report's canonical JSON (without its `signature`) is signed with ECDSA P-256
 * over SHA-256 through WebCrypto, and the public key travels in the report. A valid signature shows
 * the report is unchanged since the holder of that key signed it — not who the holder is: compare
 * the key id with one you trust.
 */
import type { Report, ReportSignature } from '../core/report-types';
import { sha256Hex } from '../core/sha256';
import { canonicalJson } from './canonical';

export type PublicKeyJwk = ReportSignature['publicKey'];

/** Something that signs bytes with a P-256 private key (the app's stored key, or a key file in the CLI). */
export interface ReportSigner {
  publicKey: PublicKeyJwk;
  /** An IEEE P1363 (r ‖ s) ECDSA P-256 / SHA-256 signature of `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface SignatureCheck {
  status: 'valid' | 'invalid' | 'unsigned';
  /** The signing key's fingerprint, when the report carries one. */
  keyId: string | null;
  /** One sentence for the person reading: what the check found. */
  message: string;
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** The report without its signature: what is canonicalised, hashed and signed. */
export function unsigned(report: Report): Report {
  const { signature: _signature, ...rest } = report;
  return rest;
}

/** The UTF-8 bytes of the canonical JSON of the unsigned report. */
export function signedBytes(report: Report): Uint8Array {
  return new TextEncoder().encode(canonicalJson(unsigned(report)));
}

/** Signs a report (replacing any signature it had). */
export async function signReport(report: Report, signer: ReportSigner): Promise<Report> {
  const bytes = signedBytes(report);
  const value = await signer.sign(bytes);
  const signature: ReportSignature = {
    algorithm: 'ECDSA-P256-SHA256',
    digest: await sha256Hex(bytes),
    publicKey: { kty: 'EC', crv: 'P-256', x: signer.publicKey.x, y: signer.publicKey.y },
    keyId: await keyIdOf(signer.publicKey),
    value: toBase64Url(value),
  };
  return { ...unsigned(report), signature };
}

/** Checks a report's signature against the public key it carries. Never throws. */
export async function verifyReport(report: Report): Promise<SignatureCheck> {
  const signature = report.signature;
  if (!signature) return { status: 'unsigned', keyId: null, message: 'This report is not signed, so changes to it since it was written cannot be detected.' };
  const bytes = signedBytes(report);
  const invalid = (why: string): SignatureCheck => ({
    status: 'invalid',
    keyId: signature.keyId,
    message: `The signature is invalid: ${why}. The report was changed after it was signed; do not rely on it.`,
  });
  try {
    if ((await sha256Hex(bytes)) !== signature.digest) return invalid('the report’s content no longer has the SHA-256 that was signed');
    if ((await keyIdOf(signature.publicKey)) !== signature.keyId) return invalid('the key id does not belong to the public key');
    const key = await globalThis.crypto.subtle.importKey('jwk', { ...signature.publicKey, ext: true }, ECDSA, true, ['verify']);
    const ok = await globalThis.crypto.subtle.verify(SIGN, key, bufferOf(fromBase64Url(signature.value)), bufferOf(bytes));
    if (!ok) return invalid('the signature does not match the content and the public key');
    return { status: 'valid', keyId: signature.keyId, message: `The signature is valid: the report is unchanged since the key ${signature.keyId.slice(0, 16)}… signed it.` };
  } catch (error) {
    return invalid(`the signature or public key could not be read (${(error as Error).message})`);
  }
}

/** A signer over a WebCrypto key pair (the private key may be non-extractable). */
export async function signerFromKeyPair(pair: CryptoKeyPair): Promise<ReportSigner> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('The signing key is not an ECDSA P-256 key; create a new key.');
  return {
    publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    sign: async (data) => new Uint8Array(await globalThis.crypto.subtle.sign(SIGN, pair.privateKey, bufferOf(data))),
  };
}

/** A new P-256 key pair whose private key cannot be exported. */
export async function generateSigningKeyPair(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
}

/** SHA-256 (hex) of the uncompressed point 0x04 ‖ x ‖ y. */
export async function keyIdOf(key: { x: string; y: string }): Promise<string> {
  const x = fromBase64Url(key.x);
  const y = fromBase64Url(key.y);
  const point = new Uint8Array(1 + x.length + y.length);
  point[0] = 4;
  point.set(x, 1);
  point.set(y, 1 + x.length);
  return sha256Hex(point);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** WebCrypto wants ArrayBuffer-backed views (not SharedArrayBuffer ones). */
function bufferOf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
