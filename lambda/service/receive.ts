import type { Config } from '../config/schema.js';
import { type DeliveryMemory, deliveryKey } from '../core/deliveries.js';
import type { EmployeeChange, ProviderName } from '../core/employee-change.js';
import { classify, SyncError } from '../core/errors.js';
import { boundEventTimes } from '../core/event-time.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';
import { findProvider, type HeaderGetter, type WebhookHandler } from '../providers/index.js';
import { webhookHandlerOf } from '../providers/webhook-handlers.js';
import { noteIgnored } from './ignored.js';

/** One webhook delivery as the receiver sees it, whichever host took it (API Gateway or local). */
export interface DeliveryRequest {
  /** The `{provider}` path segment, as given. */
  provider: string | undefined;
  /** Raw body bytes, already base64-decoded if the gateway encoded them. */
  body: Buffer;
  header: HeaderGetter;
}

export interface DeliveryResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ReceiveDeps {
  config: Config;
  /** This provider's verification secret; `forceRefresh` after a failed signature (rotation). */
  webhookSecret: (provider: ProviderName, options?: { forceRefresh?: boolean }) => Promise<string>;
  /** Resolves only when every change is on the queue. */
  enqueue: (changes: EmployeeChange[]) => Promise<void>;
  /** The deliveries already accepted, so a byte-identical replay queues nothing. */
  deliveries: DeliveryMemory;
  now: () => number;
  log: Log;
  /** Counts accepted, duplicate and rejected deliveries; a host without metrics leaves it out. */
  metrics?: Metrics;
}

/** The Contract's body limit, counted on the decoded bytes. */
export const MAX_BODY_BYTES = 256 * 1024;

const TITLES: Record<number, string> = {
  400: 'Body not valid for this provider',
  401: 'Signature not valid',
  404: 'Unknown provider',
  413: 'Body too large',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Temporarily unavailable',
};

/**
 * verify → parse → bound event times → replay check → enqueue → remember → 202, in that order, and a
 * 202 only once every change is on the queue. A delivery is remembered only after that, so a crash in
 * between (or a failure to remember, answered 503) loses nothing: the sender's retry is queued again,
 * and the worker drops it as stale when it carries the event time already applied (same event id, same
 * patch), or applies the same values again when its time is its arrival. A replay of a remembered
 * delivery is answered 200 `{"duplicate": true}` and queues nothing.
 * 4xx only for a request that is really bad (BambooHR, Merge and Personio never retry a 4xx); our own
 * failures are 5xx so the sender retries: 503 when it may pass by itself, 500 when an operator must act.
 */
export async function receiveDelivery(
  request: DeliveryRequest,
  deps: ReceiveDeps,
): Promise<DeliveryResponse> {
  const provider = findProvider(request.provider);
  const settings = provider && deps.config.providers[provider.name];
  if (!provider || settings?.enabled !== true) {
    deps.log.warn('delivery for an unknown or disabled provider', {
      provider: request.provider?.slice(0, 64),
      status: 404,
    });
    countRejection(deps, 'unknown-provider');
    return problem(
      404,
      'unknown-provider',
      'POST /webhooks/{provider} takes a provider enabled in the configuration',
    );
  }
  const name = provider.name;
  const handler = webhookHandlerOf(name);
  if (request.body.length > MAX_BODY_BYTES) {
    deps.log.warn('delivery too large', { provider: name, status: 413, bytes: request.body.length });
    countRejection(deps, 'body-too-large');
    return problem(
      413,
      'body-too-large',
      `body is ${request.body.length} bytes; the limit is ${MAX_BODY_BYTES}`,
    );
  }

  const handshake = handler.handshake?.(request.body);
  if (handshake) {
    deps.log.info('delivery ignored', { provider: name, status: 200, reason: handshake });
    return json(200, { ignored: handshake });
  }

  try {
    const now = deps.now();
    await verifyWithRotation(name, handler, request, deps, now);
    const parsed = handler.parse({
      body: request.body,
      header: request.header,
      settings,
      receivedAt: new Date(now).toISOString(),
    });
    if (parsed.kind === 'ignored') {
      noteIgnored(parsed, name, deps);
      return json(200, { ignored: parsed.reason });
    }
    const bounded = boundEventTimes(parsed.changes, now);
    const key = deliveryKey(name, request.body);
    if (await deps.deliveries.seen(key, now)) {
      deps.log.info('delivery is a replay of one accepted before', { provider: name, status: 200 });
      deps.metrics?.count('DeliveriesReplayed', 1);
      return json(200, { duplicate: true });
    }
    if (bounded.clamped.length > 0) {
      deps.log.warn('event time older than 35 days, raised to that floor', {
        provider: name,
        eventIds: bounded.clamped,
      });
      deps.metrics?.count('OccurredAtClamped', bounded.clamped.length);
    }
    const seen = new Set<string>();
    const unique = bounded.changes.filter((change) => !seen.has(change.eventId) && seen.add(change.eventId));
    await deps.enqueue(unique);
    await deps.deliveries.remember(key, now);
    const eventIds = unique.map((change) => change.eventId);
    const duplicates = bounded.changes.length - unique.length;
    deps.log.info('delivery accepted', {
      provider: name,
      status: 202,
      accepted: unique.length,
      duplicates,
      eventIds,
    });
    deps.metrics?.count('ChangesAccepted', unique.length);
    deps.metrics?.count('DuplicatesDropped', duplicates);
    return json(202, { accepted: unique.length, duplicates, eventIds });
  } catch (thrown) {
    const error = classify(thrown);
    const status = statusFor(error);
    const logged = { provider: name, status, code: error.code, reason: error.message };
    countRejection(deps, error.code);
    if (status >= 500) {
      deps.log.error('delivery failed', thrown instanceof SyncError ? logged : { ...logged, error: thrown });
      // The sender sees why in general terms only: secret names and AWS errors stay in our logs.
      return problem(
        status,
        error.code,
        status === 503 ? 'retry later' : 'the receiver is misconfigured; retry later',
      );
    }
    deps.log.warn('delivery rejected', logged);
    return problem(status, error.code, error.message);
  }
}

/**
 * A failed signature may mean the secret was rotated since it was cached: read it again once (the
 * reader limits how often) and verify again only if it changed.
 */
async function verifyWithRotation(
  name: ProviderName,
  handler: WebhookHandler,
  request: DeliveryRequest,
  deps: ReceiveDeps,
  now: number,
) {
  const secret = await deps.webhookSecret(name);
  const verify = (key: string) =>
    handler.verify({ body: request.body, header: request.header, secret: key, now });
  try {
    verify(secret);
  } catch (error) {
    if (!(error instanceof SyncError) || error.kind !== 'auth') throw error;
    const fresh = await deps.webhookSecret(name, { forceRefresh: true });
    if (fresh === secret) throw error;
    verify(fresh);
  }
}

/** Every non-2xx answer, by its problem code (a bounded set: see `boundedCode`). */
const countRejection = (deps: ReceiveDeps, code: string) =>
  deps.metrics?.count('DeliveriesRejected', 1, { name: 'reason', value: code });

function statusFor(error: SyncError): number {
  switch (error.kind) {
    case 'auth':
      return 401;
    case 'invalid-input':
      return 400;
    case 'transient':
      return 503;
    case 'permanent':
      return 500;
  }
}

const json = (status: number, body: object): DeliveryResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** An `application/problem+json` answer; `detail` never holds a value from the body or a secret. */
export const problem = (status: number, code: string, detail: string): DeliveryResponse => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({
    type: `urn:heymarket-hr-sync:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
  }),
});
