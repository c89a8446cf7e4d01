import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/sha256';

const text = (s: string) => new TextEncoder().encode(s);

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex(text('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes several arrays as their concatenation, including views into larger buffers', async () => {
    const whole = text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    const expected = '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1';
    expect(await sha256Hex(whole)).toBe(expected);
    expect(await sha256Hex([whole.subarray(0, 10), whole.subarray(10, 11), whole.subarray(11)])).toBe(expected);
  });
});
