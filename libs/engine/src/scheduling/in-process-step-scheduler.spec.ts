import { describe, expect, it } from '@jest/globals';
import type { StepJob } from '../execution/execution-record.js';
import { FakeClock } from '../testing/fake-clock.js';
import { InProcessStepScheduler } from './in-process-step-scheduler.js';

describe('InProcessStepScheduler', () => {
  it('ignores a job id that is already waiting and runs delayed jobs on the clock', async () => {
    const clock = new FakeClock();
    const scheduler = new InProcessStepScheduler(clock);
    const ran: string[] = [];
    scheduler.attach(async (job: StepJob) => void ran.push(`${job.stepId}:${job.attempt}`));
    await scheduler.schedule({ executionId: 'e', stepId: 'a', attempt: 1 });
    await scheduler.schedule({ executionId: 'e', stepId: 'a', attempt: 1 });
    await scheduler.schedule({ executionId: 'e', stepId: 'b', attempt: 2 }, { delayMs: 100 });
    await scheduler.schedule({ executionId: 'e', stepId: 'b', attempt: 2 }, { delayMs: 100 });
    await scheduler.whenIdle();
    expect(ran).toEqual(['a:1']);
    clock.advance(100);
    await scheduler.whenIdle();
    expect(ran).toEqual(['a:1', 'b:2']);
    // A finished job may be scheduled again (after pause or recovery).
    await scheduler.schedule({ executionId: 'e', stepId: 'a', attempt: 1 });
    await scheduler.whenIdle();
    expect(ran).toEqual(['a:1', 'b:2', 'a:1']);
  });
});
