import type { IncomingMessage } from 'node:http';

/** What a loopback fake can do to a request instead of answering it normally. */
export type TransportFault =
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Reads the request, then never answers. */
  | { kind: 'hang' }
  /** Reads the request, then destroys the socket. */
  | { kind: 'reset' };

/**
 * Faults a test queued with `inject`, first in first out, each for its number of requests and, when
 * given a path prefix, only for requests under it. Shared by the HR API fakes.
 */
export function faultQueue<F extends { kind: string }>() {
  const queued: { fault: F; left: number; path?: string | undefined }[] = [];
  return {
    inject(fault: F, times = 1, path?: string) {
      queued.push({ fault, left: times, path });
    },
    /** The fault this request gets, if any; it is spent on it. */
    next(pathname: string): F | undefined {
      const head = queued.find((entry) => entry.left > 0 && (!entry.path || pathname.startsWith(entry.path)));
      if (head) head.left -= 1;
      return head?.fault;
    },
  };
}

/**
 * Plays a hang, a reset or an injected status on `req` and notes it on the recorded request; the
 * vendor-shaped error body is the fake's own (`answerStatus`). True when the request is dealt with.
 */
export function playFault(
  fault: { kind: string; status?: number; retryAfter?: string | undefined } | undefined,
  req: IncomingMessage,
  record: { fault?: string },
  answerStatus: (status: number, headers: Record<string, string>) => void,
): boolean {
  if (fault?.kind === 'hang') {
    record.fault = 'hang';
    return true;
  }
  if (fault?.kind === 'reset') {
    record.fault = 'reset';
    req.socket.destroy();
    return true;
  }
  if (fault?.kind === 'status' && fault.status !== undefined) {
    record.fault = 'status';
    answerStatus(fault.status, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
    return true;
  }
  return false;
}
