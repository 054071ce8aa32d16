import { Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ProviderName } from '../lambda/core/employee-change.js';
import { LOG_RETENTION } from './function.js';
import {
  THROTTLE,
  type ThrottleLimits,
  type ThrottleOverrides,
  throttleFor,
  UNKNOWN_PROVIDER_THROTTLE,
} from './throttle.js';
import { WebhookFirewall } from './waf.js';

export interface WebhookApiProps {
  /** Unique in the region: the 5XXError alarm and the dashboard read API Gateway's metrics by it. */
  restApiName: string;
  receiver: lambda.IFunction;
  /** The providers enabled in the configuration: each gets its own `POST /webhooks/<provider>`. */
  providers: readonly ProviderName[];
  /** Context `throttle`, already validated: per-provider limits over infra/throttle.ts's defaults. */
  throttle?: ThrottleOverrides | undefined;
  /** Context `wafRateLimitPer5Min`, already validated: when set, a WAF web ACL guards the stage. */
  wafRateLimitPer5Min?: number | undefined;
}

export const STAGE_NAME = 'prod';

// Errors only, and never the body: it holds names and emails (no PII in logs).
const EXECUTION_LOGGING = apigateway.MethodLoggingLevel.ERROR;

// A method's settings stand in for the stage's, so the logging and metrics are repeated beside its limits.
const methodOptions = (limits: ThrottleLimits): apigateway.MethodDeploymentOptions => ({
  throttlingRateLimit: limits.rateLimit,
  throttlingBurstLimit: limits.burstLimit,
  loggingLevel: EXECUTION_LOGGING,
  dataTraceEnabled: false,
  metricsEnabled: true,
});

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

/**
 * `POST /webhooks/<provider>` for each enabled provider → receiver (Lambda proxy), with access and
 * error logs, each provider throttled on its own, and optionally a WAF web ACL (infra/waf.ts).
 */
export class WebhookApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly accessLogs: logs.LogGroup;
  /** Each enabled provider's method, by provider. */
  readonly methods: ReadonlyMap<ProviderName, apigateway.Method>;
  readonly firewall: WebhookFirewall | undefined;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION });

    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: 'heymarket-hr-sync: webhooks from HR systems',
      // Callers are HR systems' servers, not browsers near an edge location.
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Every body reaches the receiver base64-encoded, byte for byte: signatures cover the raw bytes,
      // and a body API Gateway treats as text would arrive re-encoded as UTF-8 (invalid bytes replaced).
      binaryMediaTypes: ['*/*'],
      // Access and execution logs need the account's API Gateway → CloudWatch Logs role.
      cloudWatchRole: true,
      deployOptions: {
        stageName: STAGE_NAME,
        throttlingRateLimit: THROTTLE.rateLimit,
        throttlingBurstLimit: THROTTLE.burstLimit,
        // Method settings apply per resource path, so each provider has a resource of its own.
        methodOptions: {
          ...Object.fromEntries(
            props.providers.map((provider) => [
              `/webhooks/${provider}/POST`,
              methodOptions(throttleFor(provider, props.throttle)),
            ]),
          ),
          '/webhooks/{provider}/POST': methodOptions(UNKNOWN_PROVIDER_THROTTLE),
        },
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(ACCESS_LOG_FORMAT),
        loggingLevel: EXECUTION_LOGGING,
        dataTraceEnabled: false,
        metricsEnabled: true,
      },
    });

    // Proxy: the receiver needs the raw body bytes and every header to verify the signature, and it
    // shapes every answer itself (202/200/4xx/5xx, problem+json). Each enabled provider has a literal
    // resource of its own, which API Gateway prefers to `{provider}`; the receiver reads the provider
    // from the resource path. `{provider}` remains for every other name: the receiver answers it 404,
    // and the API always has a method, even with no provider enabled.
    const webhooks = this.api.root.addResource('webhooks');
    const integration = new apigateway.LambdaIntegration(props.receiver, { proxy: true });
    this.methods = new Map(
      props.providers.map((provider) => [
        provider,
        webhooks.addResource(provider).addMethod('POST', integration),
      ]),
    );
    const unknownProvider = webhooks.addResource('{provider}').addMethod('POST', integration);

    this.firewall =
      props.wafRateLimitPer5Min === undefined
        ? undefined
        : new WebhookFirewall(this, 'Firewall', {
            stage: this.api.deploymentStage,
            rateLimitPer5Min: props.wafRateLimitPer5Min,
          });

    // cdk-nag AwsSolutions findings, each acknowledged on the one construct it concerns.
    const signatureInLambda =
      "Every HR system authenticates a delivery by an HMAC signature over the raw body (Personio by a static token in the Authorization header). API Gateway authorizers never see the body, so the receiver checks the signature or token against the provider's secret before it parses or queues anything, and answers 401 otherwise; a REQUEST authorizer could check Personio's header alone, at the cost of a second function holding the webhook secrets.";
    const noCognito =
      "The callers are HR systems' servers, which hold no Cognito identity and send no token of one.";
    for (const method of this.methods.values()) {
      Validations.of(method).acknowledge(
        { id: 'AwsSolutions-APIG4', reason: signatureInLambda },
        { id: 'AwsSolutions-COG4', reason: `${noCognito} ${signatureInLambda}` },
      );
    }
    const onlyRefuses =
      'POST /webhooks/{provider} is reached only by names that are not an enabled provider (each enabled one has its own resource), and the receiver answers it 404 before reading the body or any secret: there is nothing behind it to authorize, and its own throttle keeps a flood of made-up names to a trickle.';
    Validations.of(unknownProvider).acknowledge(
      { id: 'AwsSolutions-APIG4', reason: onlyRefuses },
      { id: 'AwsSolutions-COG4', reason: `${noCognito} ${onlyRefuses}` },
    );
    Validations.of(this.api.node.defaultChild as apigateway.CfnRestApi).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        "Request validation must come after signature verification over the raw bytes, and bodies differ per provider (HiBob even sends a plain-text ping): the receiver validates each with its provider's zod schema and answers 400. The body limit is checked by the receiver (413) and, with the WAF on, by the declared Content-Length.",
    });
    if (!this.firewall) {
      Validations.of(this.api.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          "The WAF web ACL is optional and off by default: deploy with -c wafRateLimitPer5Min=<requests per source IP per 5 minutes> to add one (a rate-based rule per source IP and a 413 on a declared body over 256 KB). Without it, each provider's method has its own API Gateway throttle and the receiver rejects an unsigned request before any work.",
      });
    }
    // The account-wide role API Gateway uses for every API in the region (access and execution logs).
    const cloudWatchRole = this.api.node.findChild('CloudWatchRole');
    Validations.of(cloudWatchRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The API Gateway account setting takes one role for every REST API in the region; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it, and narrowing it would break logging of the other APIs in the account.',
    });
  }
}
