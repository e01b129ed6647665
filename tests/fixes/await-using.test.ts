// When require-release offers `await using` in JavaScript: the nearest package.json's engines.node must
// exclude every Node before 24 (the first Node whose V8, 13.6, runs `using` unflagged).
import { describe, expect, it } from 'vitest';
import { FIRST_NODE_WITH_USING, minimumNodeMajor } from '../../src/fixes/await-using.js';

describe('minimumNodeMajor', () => {
  it.each([
    ['>=24', 24],
    ['>=24.0.0', 24],
    ['^24.1.0', 24],
    ['24.x', 24],
    ['>23', 24],
    ['>23.9.0', 23],
    ['>=24 <26', 24],
    ['^24 || ^26', 24],
    ['24 - 26', 24],
    ['^20.19.0 || ^22.13.0 || >=24', 20],
    ['>=18', 18],
    ['*', 0],
    ['<26', 0],
    ['', 0],
    ['latest', 0],
  ])('%s → %i', (range, major) => {
    expect(minimumNodeMajor(range)).toBe(major);
  });

  it('the first Node with `await using` is 24', () => {
    expect(FIRST_NODE_WITH_USING).toBe(24);
  });
});
