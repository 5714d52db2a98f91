import { describeExecutions } from './executions.suite';

describeExecutions('redis');
