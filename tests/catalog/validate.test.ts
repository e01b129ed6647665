import { describe, expect, it } from 'vitest';
import { builtinDrivers } from '../../src/catalog/index.js';
import { validateDriverSpec } from '../../src/catalog/validate.js';

describe('validateDriverSpec', () => {
  // Users describe in-house resources in the catalog's own shape: every built-in entry must be a
  // valid example of that shape, so the validator and the types cannot drift apart.
  it.each(builtinDrivers.map((d) => [d.id, d] as const))('accepts the built-in entry %s', (_id, driver) => {
    expect(validateDriverSpec(JSON.parse(JSON.stringify(driver)))).toBeNull();
  });
});
