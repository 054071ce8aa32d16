import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { alarmOnFirst, ownMetric } from './metric-alarm.js';

/** The access review's two alarms (lambda/service/access-review-metrics.ts publishes what they read). */
export interface AccessReviewAlarms {
  /** A leaver has held a Heymarket seat longer than accessReview.leaverGraceHours. */
  leaversOverdueAlarm: cloudwatch.Alarm;
  /** The last reconcile run could not renew the review: what the CLI shows is older than it looks. */
  reviewStaleAlarm: cloudwatch.Alarm;
}

/**
 * Both read a level (the largest value in the hour) and ignore hours with no point. The overdue count
 * comes each hour from the redrive and after each reconcile run; a redrive that could not read the
 * review publishes nothing, and `ignore` keeps the alarm where it was rather than flapping it to OK.
 * The stale mark comes once a run (daily by default, but `reconcileSchedule` may be any rate): with
 * `ignore` it is raised within the hour of the run that failed and stays raised until a run renews the
 * review, whatever the schedule, where a day-long period would only be judged once the day is over.
 * The grace is applied by the functions (it is in the config), so the alarm needs no threshold of its own.
 */
export function addAccessReviewAlarms(scope: Construct, service: string): AccessReviewAlarms {
  return {
    leaversOverdueAlarm: alarmOnFirst(
      scope,
      'LeaversOverdueAlarm',
      ownMetric('AccessReviewLeaversOverdue', service, 'Maximum'),
      'A leaver has kept a Heymarket seat for longer than accessReview.leaverGraceHours: run "hr-sync access-review --stack" to see who, then in Heymarket (Administration > Users) remove the user or move them to a role without access; acknowledge one that must stay with accessReview.acknowledged.',
      cloudwatch.TreatMissingData.IGNORE,
    ),
    reviewStaleAlarm: alarmOnFirst(
      scope,
      'ReviewStaleAlarm',
      ownMetric('AccessReviewStale', service, 'Maximum'),
      'The last reconcile run could not list the Heymarket team (or store the access review): the review "hr-sync access-review --stack" shows is the previous one, marked stale. Read the scheduler log ("access review not computed", by code) and check the Heymarket secret with "hr-sync secrets check".',
      cloudwatch.TreatMissingData.IGNORE,
    ),
  };
}
