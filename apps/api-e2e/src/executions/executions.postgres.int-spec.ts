import { describeExecutions } from './executions.suite';

describeExecutions('postgres');
