import type { Message } from '@aws-sdk/client-sqs';

/** A dead-lettered message as ReceiveMessage returns it, with the worker's reason attributes. */
export function deadLetter(
  id: string,
  options: {
    errorClass?: string;
    provider?: string;
    employeeId?: string;
    replayCount?: number;
  } = {},
): Message {
  const { errorClass, provider = 'standard', employeeId = 'E1', replayCount } = options;
  const body = JSON.stringify({
    v: 1,
    provider,
    eventId: `evt-${id}`,
    type: 'employee.updated',
    employee: { id: employeeId, workEmail: 'ada@example.com', firstName: 'Ada' },
  });
  const string = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: body,
    MessageAttributes: {
      provider: string(provider),
      eventId: string(`evt-${id}`),
      type: string('employee.updated'),
      ...(errorClass
        ? {
            errorClass: string(errorClass),
            errorMessage: string('heymarket: users/update answered 503'),
            failedAt: string('2026-02-01T12:00:00.000Z'),
            attempt: { DataType: 'Number', StringValue: '5' },
          }
        : {}),
      ...(replayCount === undefined
        ? {}
        : { replayCount: { DataType: 'Number', StringValue: String(replayCount) } }),
    },
  };
}
