import { DatasetError } from './errors';

/** UTF-8 text of a file, without a byte-order mark. */
export function decodeText(bytes: Uint8Array, what: string): string {
  if (bytes.byteLength === 0) {
    throw new DatasetError(`The ${what} is empty (0 bytes). Choose the file again, or check that it was saved completely.`);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line and column of a character offset, for messages. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
