// Kept so that HiBob's time reading has a name in its own folder; the reader is shared with Merge.
export { utcMillis } from '../../core/values.js';
