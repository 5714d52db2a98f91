import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../decorators/current-principal.decorator';
import { MinRole } from '../decorators/min-role.decorator';
import { Public } from '../decorators/public.decorator';
import { ErrorResponseDto } from '../error-response.dto';
import type { Principal } from '../principal';
import { ChangePasswordDto } from './change-password.dto';
import { LoginDto } from './login.dto';
import { SessionService } from './session.service';
import { AccessTokenDto, MeDto, SetupStatusDto } from './session.dto';
import { SetupDto } from './setup.dto';
import { SetupService } from './setup.service';

@ApiTags('auth')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; each message names the field' })
@Controller('auth')
export class AuthController {
  constructor(
    private readonly setupService: SetupService,
    private readonly sessions: SessionService,
  ) {}

  @Public()
  @Get('status')
  @ApiOperation({ summary: 'Whether first-run setup is still needed', security: [] })
  @ApiOkResponse({ type: SetupStatusDto })
  status(): Promise<SetupStatusDto> {
    return this.setupService.status();
  }

  @Public()
  @Post('setup')
  @ApiOperation({ summary: 'First-run setup: create the first user as owner of a new workspace', security: [] })
  @ApiCreatedResponse({ type: AccessTokenDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SETUP_ALREADY_DONE: a user exists already' })
  setup(@Body() body: SetupDto): Promise<AccessTokenDto> {
    return this.setupService.setup(body);
  }

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Sign in; the token is scoped to one workspace (default: the user's oldest membership)",
    security: [],
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong email or password' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not a member of the requested workspace' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many failed sign-ins for this account or from this address; see Retry-After',
  })
  login(@Body() body: LoginDto, @Ip() address: string): Promise<AccessTokenDto> {
    return this.sessions.login(body, address);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @MinRole('viewer')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Sign out everywhere: every access token of the caller issued until now stops working' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Credentials missing, invalid, expired or revoked' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Called with an API key' })
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.sessions.logout(principal);
  }

  @Post('password')
  @HttpCode(HttpStatus.OK)
  @MinRole('viewer')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Change your own password; other sessions end, the answer is a new token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong current password, or not signed in' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Called with an API key' })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<AccessTokenDto> {
    return this.sessions.changePassword(principal, body);
  }

  @Get('me')
  @ApiBearerAuth('bearer')
  @ApiSecurity('apiKey')
  @ApiOperation({ summary: 'The caller: user, current workspace and role' })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Credentials missing, invalid, expired or revoked' })
  me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return this.sessions.describe(principal);
  }
}
