import { describeNestedExecutions } from './nested-executions.suite';

// The embedded tier (PGlite, in-process queue) and tier 3 (PostgreSQL + Redis/BullMQ).
describeNestedExecutions('embedded');
describeNestedExecutions('redis');
