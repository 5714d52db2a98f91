import { FoundationSchema1763740000000 } from './1763740000000-foundation-schema';
import { ExecutionJournal1763750000000 } from './1763750000000-execution-journal';
import { WorkflowLimits1763760000000 } from './1763760000000-workflow-limits';
import { Triggers1763770000000 } from './1763770000000-triggers';
import { AslActivities1763780000000 } from './1763780000000-asl-activities';
import { Invitations1763790000000 } from './1763790000000-invitations';
import { WebhookSeenSignatures1763800000000 } from './1763800000000-webhook-seen-signatures';
import { LoginThrottle1763810000000 } from './1763810000000-login-throttle';
import { TokenRevocation1763820000000 } from './1763820000000-token-revocation';
import { Credentials1763830000000 } from './1763830000000-credentials';
import { ExecutionDurability1763850000000 } from './1763850000000-execution-durability';
import { JournalRevisions1763860000000 } from './1763860000000-journal-revisions';
import { StalledWorkIndex1763870000000 } from './1763870000000-stalled-work-index';
import { Operations1763920000000 } from './1763920000000-operations';
import { StepLogs1763940000000 } from './1763940000000-step-logs';
import { Artifacts1764000000000 } from './1764000000000-artifacts';
import { UsageCredits1764020000000 } from './1764020000000-usage-credits';
import { UsageRollups1764020000001 } from './1764020000001-usage-rollups';
import { ChildExecutions1764040000000 } from './1764040000000-child-executions';
import { StepItems1764080000000 } from './1764080000000-step-items';

/** Every migration in order. Append new ones; never edit one that has landed. */
export const MIGRATIONS = [
  FoundationSchema1763740000000,
  ExecutionJournal1763750000000,
  WorkflowLimits1763760000000,
  Triggers1763770000000,
  AslActivities1763780000000,
  Invitations1763790000000,
  WebhookSeenSignatures1763800000000,
  LoginThrottle1763810000000,
  TokenRevocation1763820000000,
  Credentials1763830000000,
  ExecutionDurability1763850000000,
  JournalRevisions1763860000000,
  StalledWorkIndex1763870000000,
  Operations1763920000000,
  StepLogs1763940000000,
  Artifacts1764000000000,
  UsageCredits1764020000000,
  UsageRollups1764020000001,
  ChildExecutions1764040000000,
  StepItems1764080000000,
];
