import { describeAslConformance } from './asl-conformance.suite';

// The embedded tier (PGlite, in-process queue) and tier 3 (PostgreSQL + Redis/BullMQ).
describeAslConformance('embedded');
describeAslConformance('redis');
