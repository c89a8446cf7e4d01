/** In a benchmark page: a reference file, as the driving script serves it under /ref/. */
export async function referenceBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(`/ref/${path}`);
  if (!response.ok) throw new Error(`/ref/${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
