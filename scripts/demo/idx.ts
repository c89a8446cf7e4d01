/**
 * IDX files (LeCun's MNIST format): big-endian magic (0x0000, type 0x08 = uint8, rank), the
 * dimensions as big-endian uint32, then the bytes. Labels: magic 2049, [n]; images: magic 2051, [n, 28, 28].
 */
export const IDX_LABELS_MAGIC = 2049;
export const IDX_IMAGES_MAGIC = 2051;

export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) throw new Error(`IDX data has ${data.length} bytes but dimensions ${dims.join('×')} need ${expected}.`);
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint32(0, 0x0800 + dims.length);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.byteLength + data.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(data, header.byteLength);
  return out;
}

export function decodeIdx(bytes: Uint8Array): { magic: number; dims: number[]; data: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic >> 8 !== 0x08) throw new Error(`Not a uint8 IDX file (magic ${magic}).`);
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const start = 4 + 4 * rank;
  return { magic, dims, data: bytes.subarray(start, start + dims.reduce((a, b) => a * b, 1)) };
}
