import { describe, expect, it } from 'vitest';
import { BY_TITLE, deliverTo, labelled, type ProviderCase } from '../support/provider-cases/index.js';
import { problemOf } from '../support/receiver.js';

const pinnedTo = (provider: ProviderCase, setting: unknown) => ({ [provider.tenant.key]: setting });

describe.each(BY_TITLE)('the %s tenant check', (_title, provider) => {
  const { tenant } = provider;

  it('refuses a delivery for another tenant with 401 naming the setting, correctly signed or not, and queues nothing', async () => {
    const { other } = tenant;
    const { response, messages } = await deliverTo(provider, other.body, pinnedTo(provider, other.setting));
    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:tenant-mismatch',
      title: 'Signature not valid',
      status: 401,
      detail: other.detail,
    });
    expect(response.body).not.toContain(other.hidden);
    expect(messages).toEqual([]);
  });

  it('refuses another tenant even for an event it would otherwise ignore', async () => {
    const { otherIgnored } = tenant;
    const { response, messages } = await deliverTo(
      provider,
      otherIgnored.body,
      pinnedTo(provider, otherIgnored.setting),
    );
    expect(response.statusCode).toBe(401);
    expect(messages).toEqual([]);
  });

  it.each(tenant.same.settings)(
    'accepts the configured tenant given as %s, whichever form the body uses',
    async (_, setting) => {
      for (const body of tenant.same.bodies) {
        const { response, messages } = await deliverTo(provider, body, pinnedTo(provider, setting));
        expect(response.statusCode).toBe(202);
        expect(messages).toHaveLength(1);
      }
    },
  );

  it('accepts any tenant when none is configured', async () => {
    expect((await deliverTo(provider, tenant.unpinned)).response.statusCode).toBe(202);
  });

  it.each(labelled(tenant.refused))('refuses %s', async (_, row) => {
    const { response, messages } = await deliverTo(provider, row.body, pinnedTo(provider, row.setting));
    expect(response.statusCode).toBe(401);
    if (row.detail !== undefined) expect(problemOf(response).detail).toBe(row.detail);
    expect(messages).toEqual([]);
  });

  it.each(labelled(tenant.accepted))('accepts %s', async (_, row) => {
    const { response } = await deliverTo(provider, row.body, pinnedTo(provider, row.setting));
    expect(response.statusCode).toBe(202);
  });
});
