import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { logicalId, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const receiverId = logicalId(stack.hrSync.receiver.function);
const apiId = logicalId(stack.hrSync.webhookApi.api);
const pathParts = (t = template) =>
  Object.values(t.findResources('AWS::ApiGateway::Resource'))
    .map((resource) => resource.Properties.PathPart as string)
    .sort();

describe('webhook API route', () => {
  it('serves POST /webhooks/<provider> for each enabled provider, and POST /webhooks/{provider} for any other name', () => {
    // The example config enables `standard` only.
    expect(pathParts()).toEqual(['standard', 'webhooks', '{provider}'].sort());
    template.resourceCountIs('AWS::ApiGateway::Method', 2);
    for (const method of Object.values(template.findResources('AWS::ApiGateway::Method'))) {
      expect(method.Properties).toMatchObject({
        HttpMethod: 'POST',
        AuthorizationType: 'NONE',
        RestApiId: { Ref: apiId },
      });
    }
  });

  it('gives every enabled provider a resource of its own, and none to a disabled one', () => {
    const config = parseConfig(
      {
        providers: { standard: { enabled: false }, bamboohr: { enabled: true }, personio: { enabled: true } },
      },
      'two-providers.json',
    );
    const { stack: two, template: twoTemplate } = synthStack({ config });
    expect(pathParts(twoTemplate)).toEqual(['bamboohr', 'personio', 'webhooks', '{provider}'].sort());
    expect([...two.hrSync.webhookApi.methods.keys()]).toEqual(['bamboohr', 'personio']);
  });

  it('keeps a method when no provider is enabled, so the API still deploys and answers 404 through the receiver', () => {
    const config = parseConfig({ providers: { standard: { enabled: false } } }, 'none.json');
    const { template: none } = synthStack({ config });
    expect(pathParts(none)).toEqual(['webhooks', '{provider}'].sort());
    none.resourceCountIs('AWS::ApiGateway::Method', 1);
  });

  it('hands the whole request to the receiver as a Lambda proxy integration, on every method', () => {
    for (const method of Object.values(template.findResources('AWS::ApiGateway::Method'))) {
      expect(method.Properties.Integration).toMatchObject({
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
      });
      expect(JSON.stringify(method.Properties.Integration.Uri)).toContain(receiverId);
    }
  });

  it('passes every body to the receiver as base64 of the bytes received, whatever its content type', () => {
    // Signatures cover the raw bytes: a text body would reach the receiver re-encoded as UTF-8.
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['*/*'] });
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
      expect(JSON.stringify(permission.Properties.SourceArn)).toMatch(/\/POST\/webhooks\/(\*|standard)"/);
    }
  });
});
