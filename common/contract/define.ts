// Building blocks of the typed kiosk contract: every call the renderer can make
// is named here with a zod schema for its input and output, so that main (or the
// browser shell) validates every payload and both transports share one shape.
import { z } from 'zod';
import { CALL_ERROR_CODES, type CallError } from './errors';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export const defineCall = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({
  input,
  output,
});

export const callErrorCode = z.enum(CALL_ERROR_CODES);

export const callError = z.object({
  code: callErrorCode,
  /** For logs and developers: what failed and where. UIs word the code instead. */
  message: z.string(),
}) satisfies z.ZodType<CallError>;
