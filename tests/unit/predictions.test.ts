import { describe, expect, it } from 'vitest';
import { decodePredictions, encodePredictions } from '../../src/core/predictions';

describe('per-sample predictions', () => {
  it('round-trip through compact base64 for few and for many classes', () => {
    const few = [0, 9, 3, 3, 255];
    expect(Array.from(decodePredictions(encodePredictions(few, 10))!)).toEqual(few);
    expect(encodePredictions(few, 10)).toMatchObject({ encoding: 'base64-uint8', count: 5, data: 'AAkDA/8=' });
    const many = [0, 300, 999, 42];
    expect(encodePredictions(many, 1000).encoding).toBe('base64-uint16');
    expect(Array.from(decodePredictions(encodePredictions(many, 1000))!)).toEqual(many);
  });

  it('handle 200,000 samples and refuse what is not encoded predictions', () => {
    const big = Array.from({ length: 200_000 }, (_, i) => i % 7);
    expect(decodePredictions(JSON.parse(JSON.stringify(encodePredictions(big, 7))))!.length).toBe(200_000);
    expect(decodePredictions([1, 2, 3])).toBeNull();
    expect(decodePredictions({ encoding: 'base64-uint8', count: 4, data: 'AAkDA/8=' })).toBeNull();
  });
});
