import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POWERTOOLS_KEYS } from '../../lambda/observability/log.js';
import { takeDroppedKeyWarnings } from '../setup/powertools-reserved-keys.js';

const OWN_KEYS: ReadonlySet<string> = new Set(POWERTOOLS_KEYS);
const LOG_METHODS = new Set(['info', 'warn', 'error', 'debug', 'critical', 'trace']);
const KEY_METHODS = new Set(['appendKeys', 'appendPersistentKeys']);

/**
 * Every object-literal key a log call in this source hands Powertools that Powertools keeps for itself:
 * `log.warn('…', { message })`, `logger.appendKeys({ level })`. The first argument of a log call may
 * carry `message` (it is the message). Spreads are left to the type of `Log` (lambda/observability/log.ts).
 */
function ownKeysLogged(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression.getText(source);
      const isLog = LOG_METHODS.has(method) || KEY_METHODS.has(method);
      if (isLog && /(^|\.)(log|logger)$/.test(receiver)) {
        node.arguments.forEach((argument, index) => {
          if (!ts.isObjectLiteralExpression(argument)) return;
          for (const property of argument.properties) {
            const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
            const isMessage = name === 'message' && index === 0 && LOG_METHODS.has(method);
            if (name !== undefined && OWN_KEYS.has(name) && !isMessage) {
              const { line } = source.getLineAndCharacterOfPosition(property.getStart(source));
              found.push(`${fileName}:${line + 1} ${receiver}.${method}(… ${name} …)`);
            }
          }
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const sources = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => join(dir, name));

describe('log attributes never use a key Powertools keeps for itself', () => {
  it('no log call in lambda/ passes one', () => {
    const files = sources('lambda');
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => ownKeysLogged(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('the scan finds one in an attribute, in appendKeys and beside a message object, not as the message', () => {
    const text = [
      "log.warn('reconcile provider failed', { code, message: failure.message });",
      'this.deps.log.info({ message: "ok", level: 3 });',
      'logger.appendKeys({ service: "x", tenant: "t" });',
      'log.info({ message: "fine" }, { runId });',
      'io.err({ message: "not a logger" });',
    ].join('\n');
    expect(ownKeysLogged('snippet.ts', text)).toEqual([
      'snippet.ts:1 log.warn(… message …)',
      'snippet.ts:2 this.deps.log.info(… level …)',
      'snippet.ts:3 logger.appendKeys(… service …)',
    ]);
  });
});

describe("POWERTOOLS_KEYS is the logger's own list", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('holds every key Powertools writes on a line in a Lambda invocation', () => {
    vi.stubEnv(
      '_X_AMZN_TRACE_ID',
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    );
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const logger = new Logger({ serviceName: 'hr-sync', sampleRateValue: 0.5 });
    logger.addContext({
      functionName: 'worker',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:worker',
      memoryLimitInMB: '256',
      awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      tenantId: 'tenant-1',
    } as Parameters<Logger['addContext']>[0]);
    logger.info('a line', { runId: 'r1' });
    const line = lines.map((text) => JSON.parse(text)).find((entry) => entry.message === 'a line');
    expect(
      Object.keys(line)
        .filter((key) => key !== 'runId')
        .sort(),
    ).toEqual([...POWERTOOLS_KEYS].sort());
  });

  it('drops level, message, sampling_rate, service and timestamp with a warning, which fails the test', () => {
    // Powertools writes its warning to stderr.
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const logger = new Logger({ serviceName: 'hr-sync' });
    const reserved = { level: 1, message: 'm', sampling_rate: 1, service: 's', timestamp: 't' };
    logger.info('a line', reserved);
    expect(takeDroppedKeyWarnings()).toEqual(
      Object.keys(reserved).map((key) => `The key "${key}" is a reserved key and will be dropped.`),
    );
  });
});
