import { Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOG_RETENTION } from './function.js';

export interface WebhookApiProps {
  receiver: lambda.IFunction;
}

export const STAGE_NAME = 'prod';

/**
 * Stage throttling is a cost guard against floods, not traffic shaping: API Gateway answers 429, a
 * 4xx that BambooHR, Merge and Personio never retry (REFERENCE §2), so the limit sits far above what
 * any HR system sends (a bulk import arrives as batched deliveries, not thousands of requests).
 */
export const THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/**
 * One JSON object per request. API Gateway does not escape what it substitutes, so only variables that
 * cannot hold a double quote are used (no user agent), and `$context.error.messageString`, which is
 * already a quoted JSON string, is appended unquoted.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: apigateway.AccessLogField.contextRequestId(),
  extendedRequestId: apigateway.AccessLogField.contextExtendedRequestId(),
  requestTime: apigateway.AccessLogField.contextRequestTime(),
  ip: apigateway.AccessLogField.contextIdentitySourceIp(),
  httpMethod: apigateway.AccessLogField.contextHttpMethod(),
  resourcePath: apigateway.AccessLogField.contextResourcePath(),
  path: apigateway.AccessLogField.contextPath(),
  protocol: apigateway.AccessLogField.contextProtocol(),
  status: apigateway.AccessLogField.contextStatus(),
  responseLength: apigateway.AccessLogField.contextResponseLength(),
  responseLatency: apigateway.AccessLogField.contextResponseLatency(),
  integrationStatus: apigateway.AccessLogField.contextIntegrationStatus(),
  integrationLatency: apigateway.AccessLogField.contextIntegrationLatency(),
}).replace(/}$/, `,"errorMessage":${apigateway.AccessLogField.contextErrorMessageString()}}`);

/** `POST /webhooks/{provider}` → receiver (Lambda proxy), with access and error logs. */
export class WebhookApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION });

    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'heymarket-hr-sync: webhooks from HR systems',
      // Callers are HR systems' servers, not browsers near an edge location.
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Access and execution logs need the account's API Gateway → CloudWatch Logs role.
      cloudWatchRole: true,
      deployOptions: {
        stageName: STAGE_NAME,
        throttlingRateLimit: THROTTLE.rateLimit,
        throttlingBurstLimit: THROTTLE.burstLimit,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(ACCESS_LOG_FORMAT),
        // Errors only, and never the body: it holds names and emails (no PII in logs).
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
      },
    });

    // Proxy: the receiver needs the raw body bytes and every header to verify the signature, and it
    // shapes every answer itself (202/200/4xx/5xx, problem+json).
    const webhooks = this.api.root.addResource('webhooks').addResource('{provider}');
    const post = webhooks.addMethod(
      'POST',
      new apigateway.LambdaIntegration(props.receiver, { proxy: true }),
    );

    // cdk-nag AwsSolutions findings, each acknowledged on the one construct it concerns.
    const signatureInLambda =
      "HR systems authenticate a delivery by an HMAC signature over the raw body (or Personio's static token); API Gateway authorizers never see the body, so the receiver verifies it and answers 401 (REFERENCE §2, §3).";
    Validations.of(post).acknowledge(
      { id: 'AwsSolutions-APIG4', reason: signatureInLambda },
      { id: 'AwsSolutions-COG4', reason: `No Cognito users call this API. ${signatureInLambda}` },
    );
    Validations.of(this.api.node.defaultChild as apigateway.CfnRestApi).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Validation must follow signature verification on the raw bytes, and bodies differ per provider (HiBob even sends a plain-text ping); the receiver validates each with its zod schema and answers 400.',
    });
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Unsigned requests are rejected by the receiver before any work and stage throttling caps cost; a WAF web ACL would cost more per month than this low-volume webhook endpoint. An operator can associate one without changing the stack.',
    });
    // The account-wide role API Gateway uses for every API in the region (access and execution logs).
    const cloudWatchRole = this.api.node.findChild('CloudWatchRole');
    Validations.of(cloudWatchRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The API Gateway account setting takes one role for every REST API in the region; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it, and narrowing it would break logging of the other APIs in the account.',
    });
  }
}
