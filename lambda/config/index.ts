/**
 * What `heymarket-hr-sync/config` exports: the configuration's schema and types, and the readers the
 * CDK app uses, so another app can check a configuration before it hands it to the construct.
 */

export { accessReviewWarnings } from './access-review.js';
export { ConfigError, parseConfig, parseConfigText } from './load.js';
export { loadConfigFile } from './load-file.js';
export { Config, type ConfigInput } from './schema.js';
