import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract/index';
import type { InvokeSpec } from '../../../shared/contract/define';
import { brokenValue, type JsonSchema, preview, validValue } from '../../integration/property/broken-input';

const channels = Object.entries(contract).flatMap(([area, methods]) =>
  Object.entries(methods as Record<string, InvokeSpec>).map(([method, spec]) => [`${area}.${method}`, spec] as const),
);

// The property tests trust the generator's word that an input it calls invalid cannot pass the schema it broke.
describe('the broken-input generator, checked against the IPC contract’s own schemas', () => {
  it.each(channels)('%s: inputs marked invalid are refused, and the bases it breaks mostly pass', (_channel, spec) => {
    const schema = z.toJSONSchema(spec.input, { unrepresentable: 'any' }) as JsonSchema;
    // Rules JSON Schema cannot say (a refinement such as "change at least one thing") may refuse a base; most must pass.
    const bases = fc.sample(validValue(schema), 40);
    const passing = bases.filter((value) => spec.input.safeParse(value).success);
    expect(passing.length, preview(bases.filter((value) => !passing.includes(value)))).toBeGreaterThan(bases.length / 2);
    fc.assert(
      fc.property(brokenValue(schema), (bad) => {
        if (bad.invalid) expect(spec.input.safeParse(bad.value).success, `${bad.how}: ${preview(bad.value)}`).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
