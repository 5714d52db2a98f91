import { describeApprovals } from './approvals.suite';

// The embedded tier (PGlite, in-process queue) and tier 3 (PostgreSQL + Redis/BullMQ).
describeApprovals('embedded');
describeApprovals('redis');
