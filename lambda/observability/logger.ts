import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE_NAME } from './service-name.js';

/**
 * One JSON logger for every function. Log ids, counts, field names and Heymarket `X-Request-Id`;
 * never a body, name, email, phone number, token or secret.
 */
export const logger = new Logger({ serviceName: SERVICE_NAME });
