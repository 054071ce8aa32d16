import { Annotations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { accessReviewWarnings } from '../lambda/config/access-review.js';
import { parseConfig } from '../lambda/config/load.js';
import { loadConfigFile } from '../lambda/config/load-file.js';
import type { Config } from '../lambda/config/schema.js';
import type { HeymarketHrSyncProps } from './props.js';

/**
 * The construct's configuration, validated (a file, or `props.config`), and where it came from for
 * the messages that name it. What is valid but probably not meant (an acknowledgement that has run
 * out) is a warning `cdk synth` lists; it never stops the synth.
 */
export function constructConfig(
  scope: Construct,
  props: HeymarketHrSyncProps,
): { config: Config; configSource: string } {
  const configSource = props.configFile ?? props.configSource ?? `props.config of ${scope.node.path}`;
  const config = props.configFile
    ? loadConfigFile(props.configFile)
    : parseConfig(props.config, configSource);
  for (const warning of accessReviewWarnings(config, Date.now(), configSource)) {
    Annotations.of(scope).addWarningV2('hr-sync:acknowledgement-expired', warning);
  }
  return { config, configSource };
}
