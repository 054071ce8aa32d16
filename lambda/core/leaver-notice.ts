import type { Finding } from './access-review-report.js';
import { replaceUnsafe } from './unsafe-characters.js';

export interface LeaverNoticeContext {
  /** The CloudFormation stack that sends it (none locally): in the subject and the `--stack` option. */
  stackName?: string | undefined;
  /** Epoch ms: when the notice is written. */
  now: number;
  /** `accessReview.leaverGraceHours`. */
  graceHours: number;
}

export interface LeaverNotice {
  /** ASCII, one line, under 100 characters, naming no one: it shows in mail lists and phone banners. */
  subject: string;
  /** Plain text for the administrators who must act: it names the people. */
  message: string;
}

/** People named in one notice; the others are counted, and `hr-sync access-review` lists them all. */
export const MAX_NAMED = 50;

// SNS: a subject is under 100 characters, with no line breaks or control characters; a message is at
// most 256 KB (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html). Subjects are kept to
// printable ASCII, which every mail client shows as sent.
const MAX_SUBJECT = 99;
// HR fields are typed by people and come from outside: a field this long is no name. Cut, so 50 people
// stay far under 256 KB whatever HR holds.
const MAX_FIELD = 120;
const SERVICE = 'heymarket-hr-sync';
// How far ahead the acknowledgement example sets `until`: a date the reader will change.
const EXAMPLE_DAYS = 7;

/**
 * The notice that leavers still hold a Heymarket seat: who (HR name, work email, `provider:id`,
 * status and termination date; the Heymarket user's id, name and role), what to do in Heymarket,
 * and how to accept a finding for a while. Only `leaver-with-seat` findings are named.
 */
export function leaverNotice(findings: readonly Finding[], context: LeaverNoticeContext): LeaverNotice {
  const leavers = findings.filter((finding) => finding.kind === 'leaver-with-seat');
  const count = leavers.length;
  const stack = context.stackName ? printableAscii(context.stackName) : '';
  const listCommand = stack ? `hr-sync access-review --stack ${stack}` : 'hr-sync access-review';
  const named = leavers.slice(0, MAX_NAMED);
  const lines = [
    `${count} ${count === 1 ? 'person who has left still holds' : 'people who have left still hold'} a Heymarket seat${stack ? ` (stack ${stack})` : ''}.`,
    'The HR system says they left; Heymarket still lets them in. Heymarket’s API cannot remove a user or',
    'take a seat away, so a Heymarket administrator must.',
    '',
    ...named.flatMap((finding, index) => describe(finding, index + 1)),
  ];
  if (count > named.length) {
    lines.push(`…and ${count - named.length} more (${count} in all): "${listCommand}" lists every one.`);
  }
  const example = named[0]?.employee;
  const exampleKey = example ? clean(`${example.provider}:${example.id}`, 'provider:id') : 'provider:id';
  lines.push(
    '',
    'What to do, for each person, in Heymarket (Administration > Users):',
    '  - remove the user, or',
    '  - change their role to the termination role (termination.roleId in the configuration, with',
    '    termination.action "move-to-role"): the service then counts the leaver as done.',
    `A leaver still seated ${context.graceHours} hours after being first seen raises the access review alarm`,
    '(accessReview.leaverGraceHours).',
    '',
    'To keep a leaver’s seat on purpose for a while (a handover), acknowledge the finding in the',
    'configuration file, then redeploy (cdk deploy) or restart the local host:',
    `  "accessReview": { "acknowledged": [ { "employee": ${JSON.stringify(exampleKey)}, "until": "${dayOf(context.now + EXAMPLE_DAYS * 86_400_000)}", "reason": "…" } ] }`,
    'It stays hidden through "until" (YYYY-MM-DD, UTC), then shows again.',
    '',
    `Every open finding (leavers, hires without a seat, seats without an employee): ${listCommand}`,
    `Each new leaver is named in one notice only. Sent ${new Date(context.now).toISOString()} by ${SERVICE}.`,
  );
  return { subject: subjectFor(count, stack), message: lines.join('\n') };
}

function subjectFor(count: number, stack: string): string {
  const tail = `: ${count} ${count === 1 ? 'leaver still holds' : 'leavers still hold'} a Heymarket seat`;
  const label = stack && stack !== SERVICE ? `${SERVICE} ${stack}` : SERVICE;
  return `${label.slice(0, Math.max(0, MAX_SUBJECT - tail.length))}${tail}`;
}

function describe(finding: Finding, position: number): string[] {
  const { employee, user } = finding;
  const who = employee
    ? [
        clean(employee.name, '(no name in HR)'),
        `<${clean(employee.workEmail, 'no work email')}>`,
        `${employee.provider}:${clean(employee.id, '?')},`,
        clean(employee.status, 'no status'),
        ...(employee.terminationDate ? [`(left ${clean(employee.terminationDate, '?')})`] : []),
      ].join(' ')
    : '(no HR record)';
  const seat = user
    ? `Heymarket user ${user.id} "${clean(user.name, 'no name')}", role ${user.roleId ?? 'none'}`
    : 'no Heymarket user';
  return [`${position}. ${who}`, `   ${seat}; first seen ${finding.firstSeenAt}`];
}

/**
 * One line of text from a value HR or Heymarket holds: control and format characters (line breaks,
 * bidirectional overrides, zero-width marks) become spaces, so a name cannot forge a line of the
 * notice or reorder what is shown; then cut to MAX_FIELD characters.
 */
function clean(value: string | null | undefined, fallback: string): string {
  // Only the start of a huge value can be shown: cleaning all of it would only cost time.
  const text = replaceUnsafe((value ?? '').slice(0, 8 * MAX_FIELD), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return fallback;
  // A character is one or two code units: a slice of 2 × MAX_FIELD + 2 holds more than MAX_FIELD
  // characters unless it is the whole text.
  const characters = Array.from(text.slice(0, 2 * MAX_FIELD + 2));
  return characters.length <= MAX_FIELD ? text : `${characters.slice(0, MAX_FIELD - 1).join('')}…`;
}

function printableAscii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '').trim();
}

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
