import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../principal';

/** The authenticated caller (set by AuthGuard on the request). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
