import { describeLeadMagnet } from './lead-magnet.suite';

// Tier 3: PostgreSQL + Redis (BullMQ); queued steps run from the queue, the report is stored in PostgreSQL chunks.
describeLeadMagnet('redis');
