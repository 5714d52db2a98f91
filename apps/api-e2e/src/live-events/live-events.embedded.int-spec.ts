import { describeLiveEvents } from './live-events.suite';

describeLiveEvents('embedded');
