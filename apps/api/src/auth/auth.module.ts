import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { IdentityRepository, InvitationRepository, LoginThrottleRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { AccessTokenService } from './access-token.service';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';
import { PrincipalResolver } from './principal-resolver.service';
import { resolveJwtSecret } from './resolve-jwt-secret';
import { AuthController } from './session/auth.controller';
import { OwnerBootstrapService } from './session/owner-bootstrap.service';
import { LoginThrottle } from './session/login-throttle.service';
import { SessionService } from './session/session.service';
import { SetupService } from './session/setup.service';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { MembersService } from './users/members.service';
import { UsersController } from './users/users.controller';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { WorkspacesService } from './workspaces/workspaces.service';

/**
 * Identity and access: setup, login, workspaces, members, API keys, and the global AuthGuard
 * that makes every endpoint require credentials unless it is marked @Public().
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [BATON_RUNTIME],
      useFactory: (runtime: BatonRuntime) => ({
        secret: resolveJwtSecret(runtime),
        // Pinning the algorithm on both sides refuses tokens that pick their own (e.g. "none").
        signOptions: { algorithm: 'HS256', expiresIn: runtime.config.jwtTtlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, WorkspacesController, UsersController, InvitationsController, ApiKeysController],
  providers: [
    {
      provide: IdentityRepository,
      useFactory: (dataSource: DataSource) => new IdentityRepository(dataSource),
      inject: [DataSource],
    },
    {
      provide: LoginThrottleRepository,
      useFactory: (dataSource: DataSource) => new LoginThrottleRepository(dataSource),
      inject: [DataSource],
    },
    {
      provide: InvitationRepository,
      useFactory: (dataSource: DataSource) => new InvitationRepository(dataSource),
      inject: [DataSource],
    },
    PasswordHasher,
    AccessTokenService,
    PrincipalResolver,
    SetupService,
    OwnerBootstrapService,
    SessionService,
    LoginThrottle,
    WorkspacesService,
    MembersService,
    InvitationsService,
    ApiKeysService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [IdentityRepository, PrincipalResolver],
})
export class AuthModule {}
