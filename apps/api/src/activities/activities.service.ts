import { Injectable } from '@nestjs/common';
import { TaskTokenRepository, type ActivityRecord, type ActivityTask } from '@baton/persistence';
import { notFound } from '../common/domain.error';
import type { Principal } from '../auth/principal';

const POLL_EVERY_MS = 200;

/** Activities of a workspace and the long poll their workers use to take tasks. */
@Injectable()
export class ActivitiesService {
  constructor(private readonly tokens: TaskTokenRepository) {}

  async create(principal: Principal, name: string): Promise<ActivityRecord> {
    // Creating an existing activity answers it again, as CreateActivity does.
    return (await this.tokens.createActivity(principal.workspaceId, name)).record;
  }

  list(principal: Principal): Promise<ActivityRecord[]> {
    return this.tokens.listActivities(principal.workspaceId);
  }

  /** The oldest waiting task of the activity, or null once `waitSeconds` passed without one. */
  async poll(principal: Principal, name: string, waitSeconds: number): Promise<ActivityTask | null> {
    if (!(await this.tokens.findActivity(principal.workspaceId, name))) throw notFound('Activity', name);
    const giveUpAt = Date.now() + waitSeconds * 1000;
    for (;;) {
      const task = await this.tokens.claimActivityTask(principal.workspaceId, name, new Date());
      if (task || Date.now() >= giveUpAt) return task;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_EVERY_MS, Math.max(0, giveUpAt - Date.now()))));
    }
  }
}
