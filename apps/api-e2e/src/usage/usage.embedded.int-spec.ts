import { describeUsage } from './usage.suite';

describeUsage('embedded');
