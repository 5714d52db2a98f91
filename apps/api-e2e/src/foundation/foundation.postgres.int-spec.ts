import { describeFoundation } from './foundation.suite';

describeFoundation('postgres');
