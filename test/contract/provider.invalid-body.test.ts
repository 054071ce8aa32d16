import { describe, expect, it } from 'vitest';
import {
  BY_TITLE,
  type Detail,
  deliverTo,
  labelled,
  type ProviderCase,
} from '../support/provider-cases/index.js';
import { problemOf } from '../support/receiver.js';

/** A correctly signed delivery of `body` that must be refused 400 with nothing queued; its problem detail. */
async function refused(provider: ProviderCase, body: string) {
  const { response, messages } = await deliverTo(provider, body);
  expect(messages).toEqual([]);
  expect(response.statusCode).toBe(400);
  return { response, detail: problemOf(response).detail };
}

function expectDetail(detail: string, expected: Detail) {
  if (typeof expected === 'string') expect(detail).toBe(expected);
  else if (expected instanceof RegExp) expect(detail).toMatch(expected);
  else for (const part of expected) expect(detail).toContain(part);
}

describe.each(BY_TITLE)('a signed %s delivery that is not a valid event', (_title, provider) => {
  const { notJson, notObjects, rows } = provider.invalidBody;

  it('is answered 400 when it is not JSON, without quoting the text', async () => {
    const { response, detail } = await refused(provider, notJson.body);
    expect(detail).toMatch(/^body: not valid JSON( \(at position \d+\))?$/);
    expect(response.body).not.toContain(notJson.hidden);
  });

  it('is answered 400 naming the body when it is a JSON list or a bare value', async () => {
    for (const body of notObjects) expect((await refused(provider, body)).detail).toMatch(/^body: /);
  });

  it.each(labelled(rows))('is answered 400 %s', async (_, row) => {
    for (const body of row.bodies) {
      const { response, detail } = await refused(provider, body);
      expectDetail(detail, row.detail);
      if (row.hidden !== undefined) expect(response.body).not.toContain(row.hidden);
    }
  });
});
