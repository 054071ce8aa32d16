import { describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { parseSchedulerJob } from '../../lambda/core/scheduler-job.js';

describe('the scheduler function’s job', () => {
  it('is the redrive when the schedule sends no input or no job (schedules deployed before reconcile)', () => {
    expect(parseSchedulerJob(undefined)).toEqual({ job: 'redrive' });
    expect(parseSchedulerJob({})).toEqual({ job: 'redrive' });
    expect(parseSchedulerJob({ job: 'redrive' })).toEqual({ job: 'redrive' });
  });

  it('is the reconcile, a dry run only when asked', () => {
    expect(parseSchedulerJob({ job: 'reconcile' })).toEqual({ job: 'reconcile', dryRun: false });
    expect(parseSchedulerJob({ job: 'reconcile', dryRun: true })).toEqual({ job: 'reconcile', dryRun: true });
  });

  it('refuses a job it does not know, naming the inputs it takes', () => {
    expect(() => parseSchedulerJob({ job: 'resync' })).toThrow(SyncError);
    expect(() => parseSchedulerJob({ job: 'reconcile', dryRun: 'yes' })).toThrow(
      /\{"job":"reconcile","dryRun"\?:boolean\}/,
    );
  });
});
