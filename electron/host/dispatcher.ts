// One entry point for every call from the renderer, whatever the transport:
// the name must be a contract call, the input is validated by its zod schema,
// and errors come back as { code, message } saying what was wrong and where.
// Outputs pass their schema too, and only what it declares leaves the host:
// a handler that returns more (a secret in a config object) cannot leak it.
import type { z } from 'zod';
import { type CallError, type CallName, type CallOutput, type KioskCalls, isCallName, KioskCallError, kioskCalls } from '../../common/contract/index';
import { compileSchema, INVALID } from '../../common/menu/compiled-schema';
import { silentLogger, type Logger } from './log';

export type KioskHandlers = {
  [N in CallName]: (input: z.output<KioskCalls[N]['input']>) => Promise<CallOutput<N>> | CallOutput<N>;
};

export type CallResult = { ok: true; output: unknown } | { ok: false; error: CallError };

export const describeZodError = (error: z.ZodError, where: string): string =>
  error.issues
    .map((issue) => `${where}${issue.path.length ? '.' + issue.path.join('.') : ''}: ${issue.message}`)
    .join('; ');

const outputChecks = new Map<CallName, (value: unknown) => unknown>();
/** A call's output schema, compiled on its first answer. */
function outputCheck(name: CallName): (value: unknown) => unknown {
  let check = outputChecks.get(name);
  if (!check) outputChecks.set(name, (check = compileSchema(kioskCalls[name].output)));
  return check;
}

export function createDispatcher(handlers: KioskHandlers, options: { log?: Logger } = {}) {
  const log = options.log ?? silentLogger;
  return async function dispatch(name: unknown, rawInput: unknown): Promise<CallResult> {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'unknown_call', message: `unknown call ${JSON.stringify(name)}` } };
    }
    const parsed = kioskCalls[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad_request', message: describeZodError(parsed.error, `${name} input`) } };
    }
    let output: unknown;
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      output = await handler(parsed.data);
    } catch (error) {
      if (error instanceof KioskCallError) return { ok: false, error: { code: error.code, message: error.message } };
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'failed', message: `${name} failed: ${message}` } };
    }
    // Answers are checked in one compiled walk (a menu answer is megabytes); zod words a refusal.
    const fast = outputCheck(name)(output);
    if (fast !== INVALID) return { ok: true, output: fast };
    const checked = kioskCalls[name].output.safeParse(output);
    if (!checked.success) {
      // A host bug, not the caller's: logged with the fields, answered without the data.
      log.error({ event: 'call_output_refused', call: name, problems: checked.error.issues.map((issue) => issue.path.join('.')) }, 'a handler answered outside its contract');
      return { ok: false, error: { code: 'failed', message: `${name} failed: the host's answer does not fit the contract (${describeZodError(checked.error, `${name} output`)})` } };
    }
    return { ok: true, output: checked.data };
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
