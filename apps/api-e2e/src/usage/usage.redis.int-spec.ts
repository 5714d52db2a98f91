import { describeUsage } from './usage.suite';

// Tier 3: PostgreSQL and Redis, so the concurrent starts race on a real PostgreSQL row.
describeUsage('redis');
