import { Injectable } from '@nestjs/common';

/**
 * The scheduler's source of "now". A class so tests can drive `TriggerScheduler.tick(at)` with
 * fixed instants (e.g. across a DST change) while production reads the system clock.
 */
@Injectable()
export class TriggerClock {
  now(): Date {
    return new Date();
  }
}
