import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryEmployee } from '../../lambda/core/access-review.js';
import { hrApis } from '../../lambda/providers/hr-api.js';
import { apiCalls, type Fake, HR_API_SUBJECTS, listerFor, NOW } from '../support/hr-api-subjects.js';

/**
 * The rules every HR API's `lister` follows, reached through the HR API table
 * (lambda/providers/hr-api.ts) as the reconcile job reaches it: every employee, across every page,
 * mapped to the Employee, with the credentials sent as the vendor requires. Each provider runs the same cases against its own loopback fake; paging and
 * filter details only one vendor has stay in its own list test.
 */
const deadline = NOW + 60_000;

async function collect(pages: AsyncIterable<DirectoryEmployee[]>): Promise<DirectoryEmployee[][]> {
  const out: DirectoryEmployee[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe.each(HR_API_SUBJECTS)('listing every $provider employee', (subject) => {
  const { provider } = subject;
  let fake: Fake;
  afterEach(() => fake?.close());

  it('finds the lister in the HR API table and lists every employee, each mapped with its status', async () => {
    fake = await subject.start();
    expect(hrApis[provider].lister).toBeTypeOf('function');
    const { piece: list } = listerFor(subject, fake);
    const employees = (await collect(list({ deadline }))).flat();
    expect(employees.map((employee) => [employee.id, employee.status])).toEqual(subject.listed);
    expect(employees[0]).toMatchObject({
      workEmail: subject.employee.workEmail,
      firstName: subject.employee.firstName,
      lastName: subject.employee.lastName,
    });
  });

  it('lists leavers too, each with the termination date or deletion its listing carries', async () => {
    fake = await subject.start();
    const { piece: list } = listerFor(subject, fake);
    const employees = (await collect(list({ deadline }))).flat();
    const leavers = employees.filter((employee) => employee.status === 'terminated');
    expect(
      Object.fromEntries(
        leavers.map(({ id, terminationDate, deleted }) => [
          id,
          { ...(terminationDate && { terminationDate }), ...(deleted && { deleted }) },
        ]),
      ),
    ).toEqual(subject.leavers);
    // A date or a deletion is a leaver's only: an active employee carries neither.
    for (const employee of employees.filter((one) => one.status !== 'terminated')) {
      expect(employee.terminationDate).toBeUndefined();
      expect(employee.deleted).toBeUndefined();
    }
  });

  it('returns every employee across the pages, in order, none twice', async () => {
    fake = await subject.crowd(120);
    const { piece: list } = listerFor(subject, fake);
    const pages = await collect(list({}));
    expect(pages.map((page) => page.length)).toEqual(subject.crowdPages(120));
    const ids = pages.flat().map((employee) => employee.id);
    expect(new Set(ids).size).toBe(120);
    expect(apiCalls(fake)).toHaveLength(subject.crowdPages(120).length);
  });

  it('sends the credentials as the vendor requires on every page', async () => {
    fake = await subject.crowd(120);
    const { piece: list } = listerFor(subject, fake);
    await collect(list({ deadline }));
    for (const request of apiCalls(fake)) {
      expect(request.authorized).toBe(true);
      expect(request.headers).toMatchObject(subject.sentCredentials(fake));
    }
  });

  it('lists one empty page for an HR system with no employees', async () => {
    fake = await subject.crowd(0);
    const { piece: list } = listerFor(subject, fake);
    expect(await collect(list({ deadline }))).toEqual([[]]);
  });

  it('waits the Retry-After of a throttled page (429) and asks again', async () => {
    fake = await subject.start();
    subject.injectOnList(fake, { kind: 'status', status: 429, retryAfter: '1' });
    const { piece: list, sleeps } = listerFor(subject, fake);
    expect((await collect(list({ deadline }))).flat()).toHaveLength(subject.listed.length);
    expect(sleeps).toEqual([1_000]);
  });

  it('stops at a refused page with the classified permanent error', async () => {
    fake = await subject.start();
    subject.injectOnList(fake, { kind: 'status', status: 403 });
    const { piece: list } = listerFor(subject, fake);
    await expect(collect(list({ deadline }))).rejects.toMatchObject({
      kind: 'permanent',
      code: `${provider}-auth`,
      details: { status: 403 },
    });
  });

  it('logs each page by its counts, never a name, an email or a credential', async () => {
    fake = await subject.start();
    const { piece: list, logs } = listerFor(subject, fake);
    await collect(list({ deadline }));
    expect(
      logs.filter((line) => line.message === subject.listLog.message).map((line) => line.attributes),
    ).toEqual(subject.listLog.lines);
    expect(JSON.stringify(logs)).not.toMatch(subject.personal);
  });
});
