// Run as `node --import tsx test/support/count-schema-builds.mjs <module>` with the module's
// environment: imports the module in this fresh process and prints, as JSON, each zod schema or check
// built meanwhile, as the lambda/ frames of the stack that built it (outermost last).
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./count-schema-builds.hooks.mjs', import.meta.url);

const builds = [];
globalThis.__zodBuilt = () => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Number.POSITIVE_INFINITY;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  builds.push(
    stack
      .split('\n')
      .map((line) => /^\s+at (?:(\S+) \()?(?:file:\/\/)?\S*?\/(lambda\/\S+?):(\d+):\d+\)?$/.exec(line))
      .filter((match) => match !== null)
      .map(([, name, file, line]) => `${name ?? '<module>'} ${file}:${line}`),
  );
};

await import(pathToFileURL(process.argv[2]).href);
process.stdout.write(JSON.stringify({ counted: globalThis.__zodBuildsCounted === true, builds }));
