import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'baton:isPublic';

/** Opens an endpoint to callers without credentials. Everything else requires auth. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
