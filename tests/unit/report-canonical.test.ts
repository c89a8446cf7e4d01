import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError, prettyCanonicalJson } from '../../src/report/canonical';

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same bytes whatever order the keys were inserted in', () => {
    const one = { model: { sha256: 'ab', name: 'm' }, value: 0.1 };
    const two = { value: 0.1, model: { name: 'm', sha256: 'ab' } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(prettyCanonicalJson(one)).toBe(prettyCanonicalJson(two));
  });

  it('writes numbers and strings as ECMAScript does (RFC 8785), sorting keys by UTF-16 code units', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.1 + 0.2, 'é\u2028"\\'])).toBe('[1e+21,1e-7,0,0.30000000000000004,"é\u2028\\"\\\\"]');
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '1': 3, a: 4 })).toBe('{"\\r":2,"1":3,"a":4,"€":1}');
  });

  it('indents by two spaces and ends with a newline when pretty', () => {
    expect(prettyCanonicalJson({ b: [1, 2], a: {}, c: [] })).toBe('{\n  "a": {},\n  "b": [\n    1,\n    2\n  ],\n  "c": []\n}\n');
    expect(JSON.parse(prettyCanonicalJson({ x: { y: [1, { z: 2 }] } }))).toEqual({ x: { y: [1, { z: 2 }] } });
  });

  it('refuses values JSON cannot carry, naming where they are', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1] is NaN');
    expect(() => canonicalJson({ bytes: new Uint8Array(2) })).toThrow('$.bytes is a Uint8Array object');
  });
});
