import type { HeymarketSecret } from '../config/secrets.js';
import { heymarketEmail } from '../core/applied.js';
import { classify, permanent, SyncError, transient } from '../core/errors.js';
import type { HeymarketTeam, HeymarketUsers, UpdateOutcome } from '../core/ports.js';
import { isUserId, type UserPatch } from '../core/user-patch.js';
import { type CallerDeps, createApiCaller } from '../net/api-caller.js';
import { createRateLimiter } from '../net/rate-limiter.js';
import type { Metrics } from '../observability/metrics.js';
import {
  type Answered,
  type Call,
  header,
  readAnswer,
  requestIdNote,
  TEAM_CALL,
  usersCall,
} from './answer.js';
import { isolateRejected } from './isolate-rejected.js';
import { createTokenCache } from './jwt.js';
import type { Membership } from './types.js';

export interface HeymarketClientDeps extends CallerDeps {
  /** e.g. `https://api.heymarket.com`; tests pass the loopback fake's URL. */
  baseUrl: string;
  /** The API secret, cached by the caller; `forceRefresh` refetches it (after a 401: rotation). */
  credentials: (options: { forceRefresh: boolean }) => Promise<HeymarketSecret>;
  /** Users or emails per call; Heymarket documents no maximum (https://developers.heymarket.com/api-reference/users-update). */
  chunkSize?: number;
  /** Counts every request and in-call retry, and times every request, answered or not. */
  metrics?: Metrics;
  /**
   * This client's share of Heymarket's 500 requests a minute (infra/concurrency.ts): every request,
   * retries and the 401 re-send included, waits for it. Unset: no limit (tests, tools).
   */
  rateLimit?: { perMinute: number; burst: number };
}

/**
 * Heymarket `users/update` and `users/get` over HTTPS (https://developers.heymarket.com): a JWT per
 * request, chunked calls, results matched by id, a refused call split until the refused users stand
 * alone (isolate-rejected.ts), every failure a SyncError whose message holds status codes, ids and
 * counts, never a body, email, name or token.
 */
export function createHeymarketClient(deps: HeymarketClientDeps): HeymarketUsers & HeymarketTeam {
  const { chunkSize = 50, connectTimeoutMs = 3_000, log } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new Error(`heymarket client: chunkSize must be a positive integer (got ${chunkSize})`);
  }
  const tokens = createTokenCache({ now });
  const limiter =
    deps.rateLimit && createRateLimiter({ ...deps.rateLimit, now, sleep, service: 'heymarket' });

  /**
   * A secret we cannot read (missing, malformed, access denied) is our failure, never the message's:
   * it must not send changes to the DLQ as if they were bad. Transient, so SQS keeps them until an
   * operator fixes the secret; the code and message still say which secret and which key.
   */
  async function readCredentials(forceRefresh: boolean): Promise<HeymarketSecret> {
    try {
      return await deps.credentials({ forceRefresh });
    } catch (error) {
      const failure = classify(error);
      throw new SyncError('transient', failure.code, failure.message, failure.details, { cause: error });
    }
  }

  const call = createApiCaller<Answered, Call>({
    ...deps,
    service: 'heymarket',
    label: 'Heymarket',
    baseUrl: deps.baseUrl,
    auth: {
      // The cached secret may be one just revoked after a rotation (a team holds two secrets at once,
      // then drops the old one, https://developers.heymarket.com/authentication, "Rotate an API
      // Secret"): after a 401 it is fetched again once, and never again in this call.
      refresh: 'call',
      async headers(_deadline, refused) {
        if (refused) tokens.clear();
        const token = await tokens.get(await readCredentials(refused !== undefined));
        return { authorization: `Bearer ${token}` };
      },
    },
    requestIdOf: (answer) => header(answer, 'x-request-id'),
    read: readAnswer,
    // Heymarket allows 500 requests a minute (https://developers.heymarket.com/rate-limits): every
    // request waits for the budget, the 401 re-send too, and leaves a connect timeout's worth of time.
    beforeRequest: async (deadline) =>
      limiter?.acquire(deadline === undefined ? undefined : deadline - connectTimeoutMs),
    onRequest: (latencyMs) => {
      deps.metrics?.count('HeymarketCalls');
      deps.metrics?.timing('HeymarketLatency', latencyMs);
    },
    onRetry: (error) => deps.metrics?.count('HeymarketRetries', 1, { name: 'reason', value: error.code }),
  });

  async function exchange(request: Call, deadline?: number): Promise<Answered> {
    const answered = await call(request, deadline);
    if (answered.ignored > 0) {
      log.warn(request.noun === 'team' ? 'heymarket team members ignored' : 'heymarket memberships ignored', {
        method: request.method,
        path: request.path,
        ignored: answered.ignored,
      });
    }
    return answered;
  }

  return {
    async updateUsers(patches, options = {}) {
      const outcomes = new Map<number, UpdateOutcome>();
      let authFailure: SyncError | undefined;
      // The last gate before the wire: a patch with no usable id could only hit the wrong user or none.
      const sendable = patches.filter((patch) => {
        if (isUserId(patch.id)) return true;
        const reason = `user id ${String(patch.id)} is not a positive safe integer: the patch was not sent`;
        outcomes.set(patch.id, { ok: false, error: permanent('invalid-user-id', reason) });
        return false;
      });
      /** One call; the refusal when Heymarket refused it whole (400), which is then split. */
      const send = async (chunk: readonly UserPatch[]): Promise<SyncError | undefined> => {
        if (authFailure) {
          // Refused twice with a freshly fetched secret: more chunks would only cost two calls each.
          for (const patch of chunk) outcomes.set(patch.id, { ok: false, error: authFailure });
          return undefined;
        }
        const request = usersCall(
          'POST',
          '/v1/users/update',
          { users: chunk.map(toWire) },
          chunk.length,
          'user',
        );
        try {
          const { memberships, requestId, status } = await exchange(request, options.deadline);
          // The docs' own example sends two users and gets one back: match by id, never by position.
          const answered = new Map(memberships.map((membership) => [membership.id, membership]));
          for (const patch of chunk) {
            const membership = answered.get(patch.id);
            const email = heymarketEmail(membership?.email);
            outcomes.set(
              patch.id,
              membership
                ? { ok: true, requestId, ...(email === undefined ? {} : { email }) }
                : {
                    ok: false,
                    error: permanent(
                      'heymarket-unknown-id',
                      `Heymarket users/update did not answer for user ${patch.id}${requestIdNote(requestId)}`,
                      { requestId, status },
                    ),
                  },
            );
          }
        } catch (error) {
          const failure = classify(error);
          if (failure.code === 'heymarket-400') return failure;
          if (failure.kind === 'auth') authFailure = failure;
          for (const patch of chunk) outcomes.set(patch.id, { ok: false, error: failure });
        }
        return undefined;
      };
      for (const chunk of chunksOf(sendable, chunkSize)) {
        const { rejected, calls } = await isolateRejected(chunk, send);
        for (const { item, refusal } of rejected) {
          const reason = `Heymarket refused user ${item.id} on its own: ${refusal.message}`;
          outcomes.set(item.id, {
            ok: false,
            error: permanent('heymarket-rejected', reason, refusal.details),
          });
        }
        // Counts only: which users were refused is in each one's outcome.
        if (calls > 1 || rejected.length > 0) {
          log.warn('heymarket users/update refused', {
            users: chunk.length,
            rejected: rejected.length,
            calls,
          });
        }
      }
      return outcomes;
    },

    async findUsersByEmail(emails, options = {}) {
      const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
      const found = new Map<string, Membership>();
      for (const chunk of chunksOf(wanted, chunkSize)) {
        // A GET with a JSON body, as Heymarket documents it (lambda/net/http.ts).
        const request = usersCall('GET', '/v1/users/get', { email: chunk }, chunk.length, 'email');
        const { memberships } = await exchange(request, options.deadline);
        for (const membership of memberships) {
          const email = membership.email?.trim().toLowerCase();
          if (email && !found.has(email)) found.set(email, membership);
        }
      }
      return found;
    },

    async listTeam(options = {}) {
      const { members, ignored, requestId, status } = await exchange(TEAM_CALL, options.deadline);
      // A seat we cannot name by id could be any leaver's: a review without it would call the team
      // complete. Failing the listing keeps the previous review, marked stale, and alarms.
      if (ignored > 0) {
        throw transient(
          'heymarket-team-incomplete',
          `Heymarket GET /v1/team listed ${ignored} member${ignored === 1 ? '' : 's'} with no usable id (a positive safe integer)${requestIdNote(requestId)}: the access review cannot tell whose seats they are, so the previous review is kept, marked stale; the next run tries again`,
          { requestId, status },
        );
      }
      // `role` is documented as a string with no list of values: a number (or digits) is read as a
      // role id; a role's name is not guessed at (reconcile reads role ids from users/get).
      return members.map((member) => {
        const role = typeof member.role === 'string' ? member.role.trim() : member.role;
        const roleId =
          typeof role === 'number' || (typeof role === 'string' && /^\d{1,15}$/.test(role))
            ? Number(role)
            : undefined;
        const name = typeof member.name === 'string' ? member.name : null;
        return { id: member.id, name, roleId: isUserId(roleId) ? roleId : null };
      });
    },
  };
}

/** Only the documented fields go on the wire (https://developers.heymarket.com), whatever else the object carries. */
function toWire(patch: UserPatch): UserPatch {
  const wire: UserPatch = { id: patch.id };
  if (patch.first_name !== undefined) wire.first_name = patch.first_name;
  if (patch.last_name !== undefined) wire.last_name = patch.last_name;
  if (patch.role_id !== undefined) wire.role_id = patch.role_id;
  return wire;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
