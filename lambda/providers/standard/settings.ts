import * as z from 'zod';

export const StandardSettings = z.strictObject({ enabled: z.boolean().default(true) });
