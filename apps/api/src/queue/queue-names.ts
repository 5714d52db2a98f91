/** Every BullMQ queue Baton uses, in one place (STYLE.md §3). */
export const QUEUE_NAMES = {
  /** One job per step attempt; job id `executionId:stepId:attempt`. */
  steps: 'baton-steps',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
export const ALL_QUEUE_NAMES: QueueName[] = Object.values(QUEUE_NAMES);
