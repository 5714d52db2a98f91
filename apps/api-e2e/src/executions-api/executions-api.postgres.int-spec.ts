import { describeExecutionsApi } from './executions-api.suite';

describeExecutionsApi('postgres');
