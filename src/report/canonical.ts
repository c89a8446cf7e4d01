/**
 * Canonical JSON: object keys sorted by UTF-16 code units at every level, numbers and strings as
 * ECMAScript's JSON.stringify writes them, no insignificant whitespace — the serialisation of
 * RFC 8785 (JSON Canonicalization Scheme) for the values a report holds. The same report always
 * gives the same bytes, which is what the signature and "exported twice, byte-identical" rest on.
 */

/** Thrown for a value JSON cannot carry faithfully (NaN, Infinity, a function, bytes…). */
export class CanonicalJsonError extends Error {
  constructor(path: string, what: string) {
    super(`${path} is ${what}, which JSON cannot represent; reports must hold only plain JSON values.`);
    this.name = 'CanonicalJsonError';
  }
}

/** Compact canonical JSON: what is hashed and signed. */
export function canonicalJson(value: unknown): string {
  return write(value, '$', null, '');
}

/** The same order, indented by two spaces and ending in a newline: what is written to files. */
export function prettyCanonicalJson(value: unknown): string {
  return `${write(value, '$', '  ', '')}\n`;
}

function write(value: unknown, path: string, indent: string | null, current: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, String(value));
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `a ${typeof value}`);
  }
  const inner = indent === null ? '' : current + indent;
  const open = indent === null ? '' : `\n${inner}`;
  const close = indent === null ? '' : `\n${current}`;
  const comma = indent === null ? ',' : `,\n${inner}`;
  const colon = indent === null ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((item, i) => write(item ?? null, `${path}[${i}]`, indent, inner)).join(comma)}${close}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(path, `a ${proto?.constructor?.name ?? 'non-plain'} object`);
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  if (keys.length === 0) return '{}';
  const members = keys.map((k) => `${JSON.stringify(k)}${colon}${write((value as Record<string, unknown>)[k], `${path}.${k}`, indent, inner)}`);
  return `{${open}${members.join(comma)}${close}}`;
}
