import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { QueueOptions } from 'bullmq';
import { ALL_QUEUE_NAMES } from './queue-names';

/** Registers every queue once, on the backend start-up chose, and shares them app-wide. */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(options: QueueOptions): DynamicModule {
    const queues = BullModule.registerQueue(...ALL_QUEUE_NAMES.map((name) => ({ name })));
    return {
      module: QueuesModule,
      imports: [BullModule.forRoot(options), queues],
      exports: [queues],
    };
  }
}
