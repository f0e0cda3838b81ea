// Building blocks of the typed kiosk contract: every call the renderer can make
// is named here with a zod schema for its input and output, so that main (or the
// browser shell) validates every payload and both transports share one shape.
import type { z } from 'zod';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export const defineCall = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({
  input,
  output,
});
