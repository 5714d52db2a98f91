import { describeFoundation } from './foundation.suite';

describeFoundation('redis');
