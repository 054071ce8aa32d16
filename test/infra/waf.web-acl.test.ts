import { describe, expect, it } from 'vitest';
import { WAF_EVALUATION_WINDOW_SECONDS } from '../../infra/waf.js';
import { logicalId, synthStack } from './synth-template.js';

const LIMIT = 1500;

interface WafRule {
  Name: string;
  Priority: number;
  Statement: { RegexMatchStatement?: { FieldToMatch: unknown }; RateBasedStatement?: unknown };
  Action: { Block: { CustomResponse: unknown } };
  VisibilityConfig: unknown;
}

describe('the optional WAF web ACL', () => {
  it('is absent by default: no web ACL and no association', () => {
    const { stack, template } = synthStack();
    expect(stack.hrSync.webhookApi.firewall).toBeUndefined();
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });

  describe('with wafRateLimitPer5Min', () => {
    const { stack, template } = synthStack({ wafRateLimitPer5Min: LIMIT });
    const firewall = () => {
      const { firewall } = stack.hrSync.webhookApi;
      if (!firewall) throw new Error('no firewall');
      return firewall;
    };
    const acl = () => {
      const acls = Object.values(template.findResources('AWS::WAFv2::WebACL'));
      expect(acls).toHaveLength(1);
      return acls[0]?.Properties;
    };
    const rule = (name: string) => {
      const found = (acl().Rules as WafRule[]).filter((r) => r.Name === name);
      expect(found).toHaveLength(1);
      return found[0] as WafRule;
    };

    it('is a regional web ACL that lets through whatever no rule blocks', () => {
      expect(acl()).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    });

    it('blocks a source IP above the limit per 5 minutes with 429 problem+json', () => {
      const rate = rule('RatePerSourceIp');
      expect(rate.Statement).toEqual({
        RateBasedStatement: {
          Limit: LIMIT,
          AggregateKeyType: 'IP',
          EvaluationWindowSec: WAF_EVALUATION_WINDOW_SECONDS,
        },
      });
      expect(WAF_EVALUATION_WINDOW_SECONDS).toBe(300);
      expect(rate.Action).toEqual({
        Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'rate-limited' } },
      });
      const body = JSON.parse(acl().CustomResponseBodies['rate-limited'].Content);
      expect(body).toMatchObject({ status: 429, type: 'urn:heymarket-hr-sync:rate-limited' });
      expect(Object.keys(body).sort()).toEqual(['detail', 'status', 'title', 'type']);
    });

    it('answers 413 to a request that declares a body over 256 KB, before the receiver', () => {
      const size = rule('DeclaredBodyTooLarge');
      expect(size.Priority).toBeLessThan(rule('RatePerSourceIp').Priority);
      expect(size.Statement.RegexMatchStatement?.FieldToMatch).toEqual({
        SingleHeader: { Name: 'content-length' },
      });
      expect(size.Action.Block.CustomResponse).toEqual({
        ResponseCode: 413,
        CustomResponseBodyKey: 'body-too-large',
      });
      expect(JSON.parse(acl().CustomResponseBodies['body-too-large'].Content)).toMatchObject({ status: 413 });
    });

    it('publishes CloudWatch metrics for the ACL and each rule, and keeps no sampled requests (they hold headers such as Personio token)', () => {
      const configs = [acl().VisibilityConfig, ...(acl().Rules as WafRule[]).map((r) => r.VisibilityConfig)];
      expect(configs).toHaveLength(3);
      for (const config of configs) {
        expect(config).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: false });
      }
      const names = configs.map((c) => (c as { MetricName: string }).MetricName);
      expect(new Set(names).size).toBe(3);
    });

    it('is associated with the API stage', () => {
      const associations = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation'));
      expect(associations).toHaveLength(1);
      const association = associations[0]?.Properties;
      expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [logicalId(firewall().webAcl), 'Arn'] });
      const arn = JSON.stringify(association.ResourceArn);
      expect(arn).toContain(`{"Ref":"${logicalId(stack.hrSync.webhookApi.api)}"}`);
      expect(arn).toContain(`{"Ref":"${logicalId(stack.hrSync.webhookApi.api.deploymentStage)}"}`);
      expect(arn).toContain('::/restapis/');
    });
  });
});
