import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * What the worker has applied per HR employee (`lambda/core/applied.ts`): the Heymarket user id and,
 * per field, the time and idempotency key of the newest change applied, so redeliveries, DLQ redrives
 * and replays never move a user back to an older value. Items expire through `expiresAt` 30 days
 * after their last write (DLQ retention + a replay window), so the table stays as small as the
 * active workforce.
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
      // Derived state that expires within 30 days: losing it only costs ordering across batches until
      // the next changes; `cdk destroy` should leave nothing behind that bills.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /** The only call the worker makes: a conditional UpdateItem per employee to claim it and to release it. */
  grantWorker(grantee: IGrantable) {
    return this.table.grant(grantee, 'dynamodb:UpdateItem');
  }
}
