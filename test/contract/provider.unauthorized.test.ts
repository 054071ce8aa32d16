import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BY_TITLE, deliverTo, labelled } from '../support/provider-cases/index.js';
import { problemOf } from '../support/receiver.js';

describe.each(BY_TITLE)('a %s delivery that cannot be trusted', (_title, provider) => {
  const { untrusted, signature } = provider;
  const { body } = untrusted;

  // Headers are signed at the case's clock too, where the scheme signs a time.
  beforeEach(() => {
    if (untrusted.now === undefined) return;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(untrusted.now);
  });
  afterEach(() => vi.useRealTimers());

  /** Through the real receiver; a refused delivery never reaches the queue. */
  async function refused(payload: string, headers: Record<string, string>) {
    const { response, messages } = await deliverTo(provider, payload, {}, headers);
    expect(messages).toEqual([]);
    expect(response.statusCode).toBe(401);
    return problemOf(response);
  }

  it('is answered 401 when signed with another key, and nothing is queued', async () => {
    expect(await refused(body, untrusted.forged(body))).toEqual({
      type: `urn:heymarket-hr-sync:${untrusted.forgedType}`,
      title: 'Signature not valid',
      status: 401,
      detail: untrusted.forgedDetail,
    });
  });

  if (signature) {
    it('is answered 401 when the body was changed after signing', async () => {
      const [changed = ''] = signature.changedBodies;
      expect(changed).not.toBe(signature.body);
      await refused(changed, provider.headers(signature.body));
    });
  }

  it('is answered 401 when unsigned, naming what is missing', async () => {
    expect((await refused(body, untrusted.unsigned.headers)).detail).toBe(untrusted.unsigned.detail);
  });

  it('is answered 401 before its body is read: a forged, malformed body is not a 400', async () => {
    await refused('not json', untrusted.forged('{}'));
  });

  it.each(labelled(untrusted.refused))('is answered 401 when %s', async (_, row) => {
    expect((await refused(body, row.headers())).detail).toBe(row.detail);
  });
});
