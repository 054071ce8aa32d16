import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// Runtime schemas use zod/mini, imported as a namespace in each file so esbuild keeps only what is
// used: about 20 KB of zod in a bundle instead of about 100 KB for classic zod (https://zod.dev/packages/mini).
// zod/mini ships no messages until a locale is configured, and our errors must say what is wrong:
// English only, from its own file (the locales index would bundle every language).
z.config(en());
