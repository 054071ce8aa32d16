import { permanent, type SyncError, transient } from '../core/errors.js';
import { isObject } from '../core/values.js';

/**
 * One employee's record, read from an HR API by id: a 404 is a permanent `employee-not-found` (the HR
 * system no longer has them; `notFound` may say otherwise, as HiBob's read-after-write lag does), and
 * an answer whose record (`pick`, default the whole body) is not a JSON object is a transient
 * `<service>-bad-response`, retried like any other fault of theirs.
 */
export async function readEmployeeRecord(
  read: () => Promise<unknown>,
  answer: {
    service: string;
    label: string;
    /** The call as a message names it: `GET /v1/employees/{id}`. */
    call: string;
    id: string;
    notFound?: () => SyncError;
    pick?: (json: unknown) => unknown;
  },
): Promise<Record<string, unknown>> {
  const { service, label, call, id } = answer;
  let json: unknown;
  try {
    json = await read();
  } catch (error) {
    if ((error as SyncError).details?.status !== 404) throw error;
    throw (
      answer.notFound?.() ??
      permanent('employee-not-found', `${label} has no employee ${id} (404)`, { status: 404 })
    );
  }
  const record = answer.pick ? answer.pick(json) : json;
  if (!isObject(record)) {
    throw transient(
      `${service}-bad-response`,
      `${label} ${call} answered for employee ${id} with a body that is not an employee`,
    );
  }
  return record;
}
