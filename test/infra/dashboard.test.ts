import { describe, expect, it } from 'vitest';
import { COUNT_NAMES, DIMENSION_OF, TIMING_NAMES } from '../../lambda/observability/metrics.js';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const dashboardId = logicalId(stack.hrSync.dashboard.dashboard);
const props = resourceProps(template, dashboardId);

/** The dashboard body as JSON, each CloudFormation token written as `{{Ref X}}` / `{{X.Attr}}`. */
function body(): { widgets: Widget[] } {
  const [, parts] = (props.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const token = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      return token.Ref ? `{{Ref ${token.Ref}}}` : `{{${token['Fn::GetAtt']?.join('.')}}}`;
    })
    .join('');
  return JSON.parse(text);
}
interface Widget {
  type: string;
  properties: { title?: string; alarms?: string[]; metrics?: unknown[][] };
}
const widgets = body().widgets;
const metricRows = widgets.flatMap((widget) => widget.properties.metrics ?? []);
/** A plain metric row: namespace, name, then dimension name/value pairs (options object dropped). */
const plainRows = metricRows
  .filter((row) => typeof row[0] === 'string')
  .map((row) => row.filter((cell) => typeof cell === 'string'));
const searches = metricRows.flatMap((row) => {
  const options = row[0] as { expression?: string };
  return typeof options === 'object' && options.expression ? [options.expression] : [];
});
const ref = (construct: Parameters<typeof logicalId>[0]) => `{{Ref ${logicalId(construct)}}}`;

describe('the dashboard', () => {
  it('is named after the stack and its region, so stacks in two regions of one account do not collide', () => {
    expect(props.DashboardName).toEqual({ 'Fn::Join': ['', ['HeymarketHrSync-', { Ref: 'AWS::Region' }]] });
  });

  it('shows every count and timing the functions emit, in HeymarketHrSync by service', () => {
    for (const name of [...COUNT_NAMES, ...TIMING_NAMES]) {
      const dimension = DIMENSION_OF[name as keyof typeof DIMENSION_OF];
      if (dimension) {
        expect(searches, name).toContainEqual(
          `SEARCH('{HeymarketHrSync,${dimension},service} MetricName="${name}" service="heymarket-hr-sync"', 'Sum', 300)`,
        );
      } else {
        expect(plainRows, name).toContainEqual(['HeymarketHrSync', name, 'service', 'heymarket-hr-sync']);
      }
    }
  });

  it('shows visible, in-flight and oldest-message age of the main queue and of the DLQ', () => {
    for (const queue of [stack.hrSync.queues.queue, stack.hrSync.queues.deadLetterQueue]) {
      const name = `{{${logicalId(queue)}.QueueName}}`;
      for (const metric of [
        'ApproximateNumberOfMessagesVisible',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateAgeOfOldestMessage',
      ]) {
        expect(plainRows).toContainEqual(['AWS/SQS', metric, 'QueueName', name]);
      }
    }
  });

  it("shows the worker's errors, throttles and duration, and the receiver's 5xx and errors", () => {
    const worker = ref(stack.hrSync.worker.function);
    for (const metric of ['Errors', 'Throttles', 'Duration']) {
      expect(plainRows).toContainEqual(['AWS/Lambda', metric, 'FunctionName', worker]);
    }
    expect(plainRows).toContainEqual([
      'AWS/Lambda',
      'Errors',
      'FunctionName',
      ref(stack.hrSync.receiver.function),
    ]);
    expect(plainRows).toContainEqual([
      'AWS/ApiGateway',
      '5XXError',
      'ApiName',
      stack.hrSync.webhookApi.api.restApiName,
      'Stage',
      ref(stack.hrSync.webhookApi.api.deploymentStage),
    ]);
  });

  it('shows the state of every alarm at the top', () => {
    const [first] = widgets;
    expect(first?.type).toBe('alarm');
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).map((id) => `{{${id}.Arn}}`);
    expect(first?.properties.alarms?.slice().sort()).toEqual(alarms.sort());
  });

  it('is linked from a stack output', () => {
    const url = template.toJSON().Outputs.DashboardUrl.Value['Fn::Join'][1];
    expect(url).toContainEqual({ Ref: dashboardId });
    expect(url[0]).toBe('https://console.aws.amazon.com/cloudwatch/home?region=');
  });
});
