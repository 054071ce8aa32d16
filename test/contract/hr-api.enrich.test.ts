import { afterEach, describe, expect, it } from 'vitest';
import { createEnricher } from '../../lambda/providers/enrich.js';
import { hrApis } from '../../lambda/providers/hr-api.js';
import {
  apiCalls,
  type Fake,
  HR_API_SUBJECTS,
  mergeUnexpanded,
  NOW,
  settingsFor,
  sourceFor,
  thinChange,
} from '../support/hr-api-subjects.js';

/**
 * The rules every HR API's `source` follows, reached through the HR API table
 * (lambda/providers/hr-api.ts) as the worker reaches it: a thin change's employee read by id becomes
 * the right Employee, with the credentials sent as the vendor requires. Each provider runs the same cases against its own loopback fake;
 * what only one vendor does stays in `<provider>.api.test.ts`.
 */
const deadline = NOW + 30_000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(HR_API_SUBJECTS)('enriching a thin $provider change', (subject) => {
  const { provider } = subject;
  let fake: Fake;
  afterEach(() => fake?.close());

  it("finds the source in the HR API table and, through the worker's enricher, reads the employee with the HR-system secret entry and the configured base URL", async () => {
    fake = await subject.start();
    expect(hrApis[provider].source).toBeTypeOf('function');
    const config = settingsFor(provider, fake);
    // Merge's thin change is its own unexpanded delivery, as its parser reads it.
    const change =
      provider === 'merge'
        ? mergeUnexpanded(config.providers.merge)
        : thinChange(provider, subject.employee.id);
    expect(change?.needsEnrichment).toBe(true);
    const enrich = createEnricher({
      config,
      credentials: async () => ({ [provider]: subject.credentials }),
      deps: { now: () => NOW, log: silent },
    });
    if (!change) throw new Error('expected a change');
    expect(await enrich([change], { deadline })).toEqual([{ employee: subject.employee }]);
    expect(apiCalls(fake).length).toBeGreaterThan(0);
    expect(apiCalls(fake).every((request) => request.authorized)).toBe(true);
  });

  it('sends the change to the DLQ as hris-credentials-missing when the secret has no entry for it, and calls nothing', async () => {
    fake = await subject.start();
    const enrich = createEnricher({
      config: settingsFor(provider, fake),
      credentials: async () => ({}),
      deps: { now: () => NOW, log: silent },
    });
    await expect(enrich([thinChange(provider, subject.employee.id)], { deadline })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'hris-credentials-missing',
    });
    expect(fake.requests).toEqual([]);
  });

  it('reads the employee by id into the Employee, sending the credentials as the vendor requires', async () => {
    fake = await subject.start();
    const { piece: source } = sourceFor(subject, fake);
    expect(await source.fetchEmployee(thinChange(provider, subject.employee.id), { deadline })).toEqual(
      subject.employee,
    );
    const reads = apiCalls(fake);
    expect(reads[0]).toMatchObject({ path: subject.readPath(subject.employee.id), authorized: true });
    for (const read of reads) {
      expect(read.headers).toMatchObject(subject.sentCredentials(fake));
      expect(read.headers.accept).toBe('application/json');
    }
  });

  it('reads a leaver as terminated', async () => {
    fake = await subject.start();
    const { piece: source } = sourceFor(subject, fake);
    expect((await source.fetchEmployee(thinChange(provider, subject.leaver), { deadline })).status).toBe(
      'terminated',
    );
  });

  it('reports an employee the HR system does not have as permanent employee-not-found, asking once', async () => {
    fake = await subject.start();
    const { piece: source, sleeps } = sourceFor(subject, fake);
    const error = source.fetchEmployee(thinChange(provider, '4471999'), { deadline });
    await expect(error).rejects.toMatchObject({
      kind: 'permanent',
      code: 'employee-not-found',
      details: { status: 404 },
    });
    await expect(error).rejects.toThrow(subject.notFound('4471999'));
    // One read, and nothing read after it (Personio: no employments call).
    expect(
      fake.requests.filter((request) => request.path.startsWith(subject.readPath('4471999'))),
    ).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('escapes the employee id in the path', async () => {
    fake = await subject.start();
    const { piece: source } = sourceFor(subject, fake);
    await expect(
      source.fetchEmployee(thinChange(provider, 'a/../b?x=1'), { deadline }),
    ).rejects.toMatchObject({ code: 'employee-not-found' });
    const [read] = apiCalls(fake);
    expect(read?.path).toBe(subject.readPath('a%2F..%2Fb%3Fx%3D1'));
  });

  it('leaves out a value that does not fit (an email that is not an address), says which field, never the value', async () => {
    fake = await subject.start({ email: 'not an address' });
    const { piece: source, logs } = sourceFor(subject, fake);
    const employee = await source.fetchEmployee(thinChange(provider, subject.employee.id), { deadline });
    expect(employee.workEmail).toBeUndefined();
    expect(employee.firstName).toBe(subject.employee.firstName);
    expect(logs).toContainEqual({
      level: 'warn',
      message: `${provider} employee values left out`,
      attributes: { employeeId: subject.employee.id, fields: ['workEmail'] },
    });
    expect(JSON.stringify(logs)).not.toMatch(/not an address/);
    expect(JSON.stringify(logs)).not.toMatch(subject.personal);
  });

  it('logs each call by method, path template and status, never a name, an email or a credential', async () => {
    fake = await subject.start();
    const { piece: source, logs } = sourceFor(subject, fake);
    await source.fetchEmployee(thinChange(provider, subject.employee.id), { deadline });
    expect(logs).toEqual(subject.readLog);
    await source.fetchEmployee(thinChange(provider, '4471999'), { deadline }).catch(() => undefined);
    expect(JSON.stringify(logs)).not.toMatch(subject.personal);
  });
});
