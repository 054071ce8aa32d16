import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SyncError } from '../core/errors.js';
import { leaverNotice } from '../core/leaver-notice.js';
import type { LeaverNotifier } from '../core/ports.js';
import { newAwsClient, sdkErrorName, sdkUnavailable } from './sdk-client.js';

export interface SnsLeaverNotifierOptions {
  /** The stack's alarm topic: whoever is subscribed to the alarms reads the notices. */
  topicArn: string;
  /** Named in the subject and in the `hr-sync access-review --stack` command the notice gives. */
  stackName?: string | undefined;
  /** `accessReview.leaverGraceHours`, which the notice states. */
  graceHours: number;
  client?: SNSClient;
  now?: () => number;
}

export const newSnsClient = () => newAwsClient(SNSClient);

// What an operator must fix (the topic, the function's role, the topic's key): publishing again will
// not help. Throttling, 5xx and network failures may pass by themselves.
const REFUSED = new Set([
  'NotFoundException',
  'AuthorizationErrorException',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'InvalidSecurityException',
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'KMSInvalidStateException',
  'KMSNotFoundException',
  'KMSOptInRequired',
]);

/**
 * Publishes one notice naming the given leavers to the alarm topic (`sns:Publish`, the SDK's retries).
 * Failures are SyncErrors naming the topic and the SNS error, never a person: `leaver-notice-refused`
 * (permanent) when SNS refuses it as sent, `leaver-notice-unavailable` (transient) otherwise. Either
 * way the caller keeps the findings unnotified, so a later run names them again.
 */
export function createSnsLeaverNotifier(options: SnsLeaverNotifierOptions): LeaverNotifier {
  const { topicArn, stackName, graceHours, now = Date.now } = options;
  let client = options.client;
  return {
    async notify(findings) {
      if (!findings.some((finding) => finding.kind === 'leaver-with-seat')) return;
      client ??= newSnsClient();
      const notice = leaverNotice(findings, { stackName, now: now(), graceHours });
      try {
        await client.send(
          new PublishCommand({ TopicArn: topicArn, Subject: notice.subject, Message: notice.message }),
        );
      } catch (error) {
        const name = sdkErrorName(error);
        if (REFUSED.has(name)) {
          throw new SyncError(
            'permanent',
            'leaver-notice-refused',
            `leaver notice: SNS refused Publish to ${topicArn} (${name}); check the topic and the function's sns:Publish grant`,
            {},
            { cause: error },
          );
        }
        throw sdkUnavailable('leaver-notice-unavailable', `leaver notice: SNS Publish to ${topicArn}`, error);
      }
    },
  };
}
