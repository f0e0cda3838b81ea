// The one timestamp of every document and message: ISO 8601 with a time zone ("2026-12-05T11:48:26.000Z").
// Anything else (a bare string, "soon") is refused where it enters, so every reader can compute with it.
import { z } from 'zod';

export const timestamp = z.iso.datetime({ offset: true });
