import { describeTriggers } from './triggers.suite';

describeTriggers('postgres');
