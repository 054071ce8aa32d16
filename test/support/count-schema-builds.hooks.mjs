// A module hook (https://nodejs.org/api/module.html#customization-hooks) for
// test/support/count-schema-builds.mjs: zod's `$constructor` (node_modules/zod/v4/core/core.js) sets up
// every schema and check through one `init`, which gives an instance its `_zod` internals once. A call
// into the counter there counts each schema or check built, and nothing else.
const FIRST_INIT = 'if (!inst._zod) {';

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!url.endsWith('/zod/v4/core/core.js')) return loaded;
  const source = String(loaded.source);
  if (!source.includes(FIRST_INIT)) {
    throw new Error(`${url}: no "${FIRST_INIT}" to count schema builds at; update the hook to this zod`);
  }
  return {
    ...loaded,
    source: `globalThis.__zodBuildsCounted = true;\n${source.replace(FIRST_INIT, `${FIRST_INIT} globalThis.__zodBuilt?.();`)}`,
  };
}
