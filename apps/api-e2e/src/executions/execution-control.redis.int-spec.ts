import { describeExecutionControl } from './execution-control.suite';

describeExecutionControl('redis');
