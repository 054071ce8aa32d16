import { permanent, SyncError, transient } from '../core/errors.js';
import type { ApiCall } from '../net/api-caller.js';
import type { HttpAnswer } from '../net/http.js';
import { parseJsonText } from '../net/refusal.js';
import { parseRetryAfter } from '../net/retry.js';
import { Membership, MembershipsResponse, TeamMemberWire, TeamResponse } from './types.js';

export interface Call extends ApiCall {
  /** How many users or emails the call carries: logged, and named in error messages. */
  size: number;
  /** `team`: the `GET /v1/team` listing, whose answer is the team's members, not memberships. */
  noun: 'user' | 'email' | 'team';
}

/**
 * The most of a `GET /v1/team` answer read. With no paging documented the whole team comes in one
 * answer, about 100 bytes a member: 16 MiB holds well over 100,000 members, where the default 1 MiB
 * (lambda/net/http.ts) would cut a team of a few thousand off, as the HR listings' limits do not.
 */
export const TEAM_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** `GET /v1/team` (https://developers.heymarket.com/api-reference/team): one call, no paging documented. */
export const TEAM_CALL: Call = {
  method: 'GET',
  path: '/v1/team',
  template: '/v1/team',
  subject: 'the team',
  size: 1,
  noun: 'team',
  maxBodyBytes: TEAM_MAX_BODY_BYTES,
};

/** A users call: its path has no id, so it is its own template; the size is logged as `chunkSize`. */
export const usersCall = (
  method: Call['method'],
  path: string,
  body: unknown,
  size: number,
  noun: Call['noun'],
): Call => ({
  method,
  path,
  template: path,
  subject: `${size} ${noun}${size === 1 ? '' : 's'}`,
  body,
  size,
  noun,
  attributes: { chunkSize: size },
});

export interface Answered {
  memberships: Membership[];
  /** The team's members, for `GET /v1/team` (empty for the users calls). */
  members: TeamMemberWire[];
  /** Memberships (or team members) left out because they are unusable, an id that is no positive safe integer first. */
  ignored: number;
  requestId: string | undefined;
  status: number;
}

/** A 2xx with a memberships list (or the team's members), or the SyncError this answer stands for. */
export function readAnswer(call: Call, answer: HttpAnswer, nowMs: number): Answered {
  const { status } = answer;
  const requestId = header(answer, 'x-request-id');
  const details = { requestId, status };
  const where = `Heymarket ${call.method} ${call.path} answered ${status} for ${call.subject}${requestIdNote(requestId)}`;
  if (status >= 200 && status < 300 && call.noun === 'team') {
    if (answer.truncated) {
      // The same answer would come back: permanent, so it is not asked for again in this run.
      throw permanent(
        'heymarket-team-too-large',
        `${where} with more than the ${TEAM_MAX_BODY_BYTES / 1024 / 1024} MiB read: the team is too large to review in one answer, so the previous review is kept, marked stale`,
        details,
      );
    }
    const result = TeamResponse.safeParse(answer.truncated ? undefined : parseJsonText(answer.text));
    if (!result.success) {
      throw transient('heymarket-bad-response', `${where} with a body that has no members list`, details);
    }
    const members: TeamMemberWire[] = [];
    for (const entry of result.data.members) {
      const member = TeamMemberWire.safeParse(entry);
      if (member.success) members.push(member.data);
    }
    const ignored = result.data.members.length - members.length;
    return { memberships: [], members, ignored, requestId, status };
  }
  if (status >= 200 && status < 300) {
    const result = MembershipsResponse.safeParse(answer.truncated ? undefined : parseJsonText(answer.text));
    if (!result.success) {
      throw transient(
        'heymarket-bad-response',
        `${where} with a body that is not a memberships list`,
        details,
      );
    }
    // A membership whose id is no user id (0, negative, fractional, past 2^53) could only patch the
    // wrong user or none: it is treated as not found, and the others are used.
    const memberships: Membership[] = [];
    for (const entry of result.data.memberships) {
      const membership = Membership.safeParse(entry);
      if (membership.success) memberships.push(membership.data);
    }
    const ignored = result.data.memberships.length - memberships.length;
    return { memberships, members: [], ignored, requestId, status };
  }
  if (status === 401) {
    throw new SyncError(
      'auth',
      'heymarket-401',
      `${where}, also with a freshly fetched API secret: check the Heymarket secret (id and key)`,
      details,
    );
  }
  // Documented errors are 400, 401, 403, 429 and 500 (https://developers.heymarket.com); any 5xx or
  // 429 may pass by itself.
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(header(answer, 'retry-after'), nowMs);
    const code = status === 429 ? 'heymarket-429' : status >= 500 ? 'heymarket-5xx' : `heymarket-${status}`;
    throw transient(code, where, retryAfterMs === undefined ? details : { ...details, retryAfterMs });
  }
  throw permanent(`heymarket-${status}`, `${where}${HINTS[status] ?? ''}`, details);
}

const HINTS: Record<number, string> = {
  400: ': Heymarket refused the data (bad_data), e.g. a role id it does not know; check the role rules',
  403: ': the API secret may not do this; check its permissions in Heymarket',
  404: ': check the Heymarket base URL',
};

export function header(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export const requestIdNote = (requestId: string | undefined) =>
  requestId ? ` (request id ${requestId})` : '';
