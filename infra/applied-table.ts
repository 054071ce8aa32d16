import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ACCESS_REVIEW_KEY } from '../lambda/core/access-review-report.js';
import { DELIVERY_KEY_PREFIX } from '../lambda/core/deliveries.js';

/**
 * What the worker has applied per HR employee (`lambda/core/applied.ts`): the Heymarket user id and,
 * per field, the time and idempotency key of the newest change applied, so redeliveries, DLQ redrives
 * and replays never move a user back to an older value. Items expire through `expiresAt` 30 days
 * after their last write (DLQ retention + a replay window), so the table stays as small as the
 * active workforce. Beside them, the receiver's `delivery#` items (lambda/core/deliveries.ts): the
 * hash of each accepted delivery, kept 36 days so a replay queues nothing.
 */
export class AppliedTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      // A batch reads ≤ 50 items and writes ≤ 50: on-demand costs nothing while HR is quiet.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Each write of the access review reaches the leaver notifier (infra/leaver-notices.ts), whose
      // event source passes that item alone; the new image is all it reads.
      stream: dynamodb.StreamViewType.NEW_IMAGE,
      // Derived state that expires within 30 days: losing it only costs ordering across batches until
      // the next changes; `cdk destroy` should leave nothing behind that bills.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /**
   * The worker's calls: a conditional UpdateItem per employee to claim it and to release it, and on
   * the latest access review to add a leaver it processed (lambda/aws/access-review-store.ts); GetItem
   * on that review's item only, by the partition-key condition.
   */
  grantWorker(grantee: iam.IGrantable) {
    this.table.grant(grantee, 'dynamodb:UpdateItem');
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:GetItem'],
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ACCESS_REVIEW_KEY] } },
    });
  }

  /**
   * The leaver notifier reads the latest access review and marks the leavers it named (GetItem and a
   * conditional UpdateItem, lambda/aws/access-review-store.ts) on that item only, by the partition-key
   * condition: it can read no employee's item. Reading the stream is granted with its event source.
   */
  grantLeaverNotifier(grantee: iam.IGrantable) {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ACCESS_REVIEW_KEY] } },
    });
  }

  /**
   * The receiver reads and writes its delivery items (GetItem, PutItem) and, by the partition-key
   * condition, no other item: it faces the internet, so it can neither read nor overwrite what the
   * worker applied.
   */
  grantReceiver(grantee: iam.IGrantable) {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resourceArns: [this.table.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${DELIVERY_KEY_PREFIX}*`] },
      },
    });
  }
}
