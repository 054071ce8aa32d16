import * as z from 'zod/mini';

export const StandardSettings = z.strictObject({ enabled: z._default(z.boolean(), true) });
