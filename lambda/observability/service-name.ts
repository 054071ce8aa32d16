/**
 * The `service` of every log line and metric: the Powertools service name, also the one dimension
 * every metric carries. The stack sets it as `POWERTOOLS_SERVICE_NAME` and the dashboard reads by it.
 */
export const SERVICE_NAME = 'heymarket-hr-sync';
