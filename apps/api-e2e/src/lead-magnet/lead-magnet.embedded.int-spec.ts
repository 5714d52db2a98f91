import { describeLeadMagnet } from './lead-magnet.suite';

describeLeadMagnet('embedded');
