import { describeLiveEvents } from './live-events.suite';

describeLiveEvents('postgres');
