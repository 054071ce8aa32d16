import { describe, expect, it } from 'vitest';
import { fakeAwsEnv, runCli } from '../support/cli.js';

// Nothing listens on port 9 of the loopback: the command reaches the SDK, makes its client, and fails fast.
const unreachableAws = fakeAwsEnv('http://127.0.0.1:9');
const NOTICE = 'NodeVersionSupportWarning';
const sdkWarnsOnThisNode = Number(process.versions.node.split('.')[0]) < 22;

describe('the AWS SDK notice about Node versions', () => {
  it('is not printed by hr-sync commands', async () => {
    const { code, stderr } = await runCli(['status', '--stack', 'HeymarketHrSync'], { env: unreachableAws });
    expect(code).not.toBe(0);
    expect(stderr).not.toContain(NOTICE);
  });

  it('is printed again when the operator sets AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=false', async () => {
    const { stderr } = await runCli(['status', '--stack', 'HeymarketHrSync'], {
      env: { ...unreachableAws, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' },
    });
    // The SDK warns below Node 22 only; on a newer Node there is nothing to silence.
    expect(stderr.includes(NOTICE)).toBe(sdkWarnsOnThisNode);
  });
});
