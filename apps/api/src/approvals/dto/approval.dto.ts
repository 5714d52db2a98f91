import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ApprovalDecisionDto {
  @ApiPropertyOptional({ description: "The approver's note, passed on in the step output", maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ApprovalStatusDto {
  @ApiProperty({ description: 'What the approver decides on' }) message: string;
  @ApiProperty({ description: 'Whether the step still waits (false: decided, timed out or cancelled)' })
  waiting: boolean;
}

export class ApprovalAnswerDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) decision: 'approved' | 'rejected';
}
