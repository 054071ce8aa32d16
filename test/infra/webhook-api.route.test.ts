import { describe, expect, it } from 'vitest';
import { logicalId, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const receiverId = logicalId(stack.receiver.function);
const apiId = logicalId(stack.webhookApi.api);

describe('webhook API route', () => {
  it('serves POST /webhooks/{provider} and nothing else', () => {
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'webhooks' });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{provider}' });
    template.resourceCountIs('AWS::ApiGateway::Resource', 2);
    template.resourceCountIs('AWS::ApiGateway::Method', 1);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'NONE',
      RestApiId: { Ref: apiId },
    });
  });

  it('hands the whole request to the receiver as a Lambda proxy integration', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
    });
    const method = Object.values(template.findResources('AWS::ApiGateway::Method'))[0];
    expect(JSON.stringify(method?.Properties.Integration.Uri)).toContain(receiverId);
  });

  it('is a regional endpoint', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('lets API Gateway invoke the receiver only for POST /webhooks/*', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) {
      expect(permission.Properties.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(permission.Properties.FunctionName)).toContain(receiverId);
      expect(JSON.stringify(permission.Properties.SourceArn)).toMatch(/\/POST\/webhooks\/\*"/);
    }
  });
});
