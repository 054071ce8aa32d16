import type { AccessReviewReport } from '../core/access-review-report.js';
import { classify } from '../core/errors.js';
import type { Log } from '../observability/log.js';
import type { DeliveryResponse } from '../service/receive.js';
import { bearerMatches } from './admin-token.js';
import { localProblem } from './client-errors.js';

const TITLES: Record<number, string> = {
  401: 'Admin token required',
  404: 'No access review yet',
  503: 'Access review unavailable',
};

const reviewProblem = (status: number, code: string, detail: string) =>
  localProblem(status, code, TITLES[status] ?? 'Error', detail);

/**
 * `GET /access-review`: the latest review, the JSON `hr-sync access-review --json` prints
 * (docs/access-review.md). It names people, so it takes the admin token as `POST /reconcile` does,
 * and is never cached.
 */
export async function accessReviewRoute(
  authorization: string | undefined,
  deps: { adminToken: string; accessReview: () => Promise<AccessReviewReport | undefined>; log: Log },
): Promise<DeliveryResponse> {
  if (!bearerMatches(authorization, deps.adminToken)) {
    deps.log.warn('request refused', { status: 401, reason: 'admin-token' });
    const response = reviewProblem(
      401,
      'unauthorized',
      'send Authorization: Bearer <token>, the token in local-admin-token in the data directory or HR_SYNC_ADMIN_TOKEN',
    );
    return { ...response, headers: { ...response.headers, 'www-authenticate': 'Bearer realm="hr-sync"' } };
  }
  let report: AccessReviewReport | undefined;
  try {
    report = await deps.accessReview();
  } catch (error) {
    const failure = classify(error);
    deps.log.warn('access review unreadable', { code: failure.code });
    return reviewProblem(503, failure.code, `${failure.message}; see the host's log`);
  }
  if (!report) {
    return reviewProblem(
      404,
      'no-access-review',
      'no reconcile run has written an access review yet: run one (POST /reconcile, or hr-sync reconcile) and ask again',
    );
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(report),
  };
}
