const PING = 'Ping test';
// Longer than any form of the ping with some whitespace around it: nothing bigger is even decoded.
const MAX_PING_BYTES = 64;

/**
 * HiBob's setup handshake (apidocs.hibob.com, "Working with webhooks", step 2): a POST with the string
 * `Ping test`, and when that fails, the JSON `{"text":"Ping test"}`; it must get a 2xx. "As a String"
 * may mean the bare text or a JSON string, so `"Ping test"` is taken too. Nothing else is a ping: the
 * match is exact apart from surrounding whitespace.
 */
export function isPing(body: Buffer): boolean {
  if (body.length > MAX_PING_BYTES) return false;
  const text = body.toString('utf8').trim();
  if (text === PING) return true;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return false;
  }
  if (json === PING) return true;
  return (
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    Object.keys(json).length === 1 &&
    (json as { text?: unknown }).text === PING
  );
}
