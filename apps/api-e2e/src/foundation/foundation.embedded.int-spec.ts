import { describeFoundation } from './foundation.suite';

describeFoundation('embedded');
