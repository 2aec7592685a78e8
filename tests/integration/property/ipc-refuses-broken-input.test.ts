import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contract } from '../../../shared/contract/index';
import type { InvokeSpec } from '../../../shared/contract/define';
import { appErrorSchema } from '../../../shared/errors';
import { useService } from '../../support/use-service';
import { startSecurityDesktop } from '../security-client/security-desktop';
import { confirmedAccount } from '../server/http';
import { type Broken, brokenValue, type JsonSchema, preview } from './broken-input';

// Every channel of the IPC contract gets generated inputs with one thing broken, through the
// real dispatcher and the real handlers composed as the app composes them, signed in to the
// real service. Whatever a compromised renderer sends, the call resolves to a Result with a
// code from the closed union: never a throw, never an unhandled rejection.

const { service, smtp, api } = useService();

/** Cases per channel; PROPERTY_RUNS raises it for a deeper look on a quiet machine. */
const runsPerChannel = Number(process.env.PROPERTY_RUNS ?? 24);

const resultSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }).strict(), z.object({ ok: z.literal(false), error: appErrorSchema }).strict()]);

/** Values that cross Electron's structured clone (or the host's JSON) but no schema expects. */
const oddValues = fc.constantFrom<unknown>(
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  10n,
  '',
  [],
  new Date(0),
  new Map([['email', 'a@b.test']]),
  new Set(['x']),
  new Uint8Array(8),
  Object.assign(Object.create(null) as object, { url: 'https://example.test/' }),
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
  JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown,
);

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));

/** Channels that end the session go last, so the others run signed in. */
const endsSession = new Set(['auth.signOut', 'security.signOutEverywhere']);
const channels = Object.entries(contract)
  .flatMap(([area, methods]) => Object.entries(methods as Record<string, InvokeSpec>).map(([method, spec]) => ({ channel: `${area}.${method}`, spec })))
  .sort((a, b) => Number(endsSession.has(a.channel)) - Number(endsSession.has(b.channel)));

it('answers every broken input on every IPC channel with a typed error result, never a throw', { timeout: 120_000 }, async () => {
  const account = await confirmedAccount(api, smtp, 'ipc-property');
  const desktop = startSecurityDesktop(service.url, 'ipc-property');
  try {
    expect(await desktop.signIn(account.email, account.password)).toBe('signedIn');
    const counts: [string, number][] = [];
    const failures: string[] = [];

    for (const { channel, spec } of channels) {
      const schema = z.toJSONSchema(spec.input, { unrepresentable: 'any' }) as JsonSchema;
      const inputs = fc.oneof(
        { weight: 5, arbitrary: brokenValue(schema) },
        { weight: 1, arbitrary: oddValues.map((value): Broken => ({ value, how: 'a value no schema expects', invalid: !spec.input.safeParse(value).success })) },
      );
      let cases = 0;
      const result = await fc.check(
        fc.asyncProperty(inputs, async (bad) => {
          cases++;
          const what = `${channel} ${bad.how}: ${preview(bad.value)}`;
          let answer: unknown;
          try {
            answer = await desktop.services.dispatcher.dispatch(channel, bad.value);
          } catch (error) {
            throw new Error(`threw instead of resolving to a Result: ${what}: ${String(error)}`);
          }
          const parsed = resultSchema.safeParse(answer);
          expect(parsed.success, `not a Result: ${what} → ${preview(answer)}`).toBe(true);
          if (bad.invalid) expect(answer, `not refused: ${what}`).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } });
        }),
        { numRuns: runsPerChannel, interruptAfterTimeLimit: 10_000, markInterruptAsFailure: false },
      );
      counts.push([channel, cases]);
      if (result.failed) failures.push(`${channel} (seed ${result.seed}, path ${result.counterexamplePath}): ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance).split('\n')[0]}`);
    }

    // Names that are not channels at all.
    let unknownCases = 0;
    const unknown = await fc.check(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('__proto__.constructor', 'constructor.name', 'app.__proto__', 'app.info.extra', 'toString', 'app.', '.info', 'hasOwnProperty.call')),
        fc.jsonValue({ maxDepth: 1 }),
        async (name, input) => {
          unknownCases++;
          const known = channels.some((c) => c.channel === name);
          const answer = await desktop.services.dispatcher.dispatch(name, input);
          if (!known) expect(answer, name).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
        },
      ),
      { numRuns: runsPerChannel * 2 },
    );
    counts.push(['(names that are no channel)', unknownCases]);
    if (unknown.failed) failures.push(`unknown channel names: ${String((unknown.errorInstance as Error | undefined)?.message).split('\n')[0]}`);

    // Work a handler started in the background has had time to fail.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    console.log(`Broken IPC inputs dispatched, per channel (${total} in all over ${counts.length - 1} channels):\n${counts.map(([n, c]) => `  ${String(c).padStart(4)}  ${n}`).join('\n')}`);
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(unhandled.map(String)).toEqual([]);
  } finally {
    desktop.stop();
  }
});
