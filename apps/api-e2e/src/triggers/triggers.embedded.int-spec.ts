import { describeTriggers } from './triggers.suite';

describeTriggers('embedded');
