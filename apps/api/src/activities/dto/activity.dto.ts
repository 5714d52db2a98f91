import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const ACTIVITY_NAME = /^[A-Za-z0-9_.-]{1,80}$/;

export class CreateActivityDto {
  @ApiProperty({
    description: 'Activity name; a Task state names it as arn:aws:states:<region>:<account>:activity:<name>',
    pattern: ACTIVITY_NAME.source,
  })
  @Matches(ACTIVITY_NAME, { message: 'name must be 1 to 80 letters, digits, "_", "." or "-"' })
  name!: string;
}

export class ActivityDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The ARN a Task state uses as its Resource (any region and account match)' })
  activityArn!: string;

  @ApiProperty()
  createdAt!: string;
}

export class PollActivityDto {
  @ApiPropertyOptional({
    description: 'Longest wait for a task, in seconds (long poll)',
    minimum: 0,
    maximum: 60,
    default: 20,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  waitSeconds?: number;
}

export class ActivityTaskDto {
  @ApiProperty({ description: 'Answer with POST /api/task-tokens/{taskToken}/success, /failure or /heartbeat' })
  taskToken!: string;

  @ApiProperty({ description: "The Task state's effective input" })
  input!: unknown;
}
