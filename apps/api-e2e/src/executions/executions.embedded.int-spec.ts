import { describeExecutions } from './executions.suite';

describeExecutions('embedded');
