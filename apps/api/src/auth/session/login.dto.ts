import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { EmailField, OfferedPasswordField } from '../decorators/identity-fields.decorator';

export class LoginDto {
  @EmailField()
  email: string;

  @OfferedPasswordField()
  password: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Workspace to sign in to; default: the user's oldest membership",
  })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}
