import * as z from 'zod/mini';
import { EmployeeChange, type ProviderName as RegisteredName } from '../core/employee-change.js';
import { lazySchema } from '../core/lazy-schema.js';
import { providers } from './index.js';

/** The registered names: the path segment, the config's `providers` keys and the secrets' keys. */
export const ProviderName = /* @__PURE__ */ lazySchema(() =>
  z.enum(providers.map((provider) => provider.name) as [RegisteredName, ...RegisteredName[]]),
);

/**
 * A queue message from outside this process (SQS, the local queue's rows, saved reconcile state): an
 * EmployeeChange whose provider is a registered one; any other name is refused. Built from the
 * shape rather than with `z.extend`, which costs the worker's and the scheduler's bundles ~1 KB of
 * zod for this one use (test/infra/bundle.test.ts).
 */
export const QueuedChange = /* @__PURE__ */ lazySchema(() =>
  z.object({ ...EmployeeChange.shape, provider: ProviderName }),
);
