import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { TaskTokensController } from './task-tokens.controller';
import { TaskTokensService } from './task-tokens.service';

/** ASL activities (create, list, worker long poll) and the task-token answers of parked steps. */
@Module({
  controllers: [ActivitiesController, TaskTokensController],
  providers: [ActivitiesService, TaskTokensService],
})
export class ActivitiesModule {}
