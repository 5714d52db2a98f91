import { FoundationSchema1763740000000 } from './1763740000000-foundation-schema';

/** Every migration in order. Append new ones; never edit one that has landed. */
export const MIGRATIONS = [FoundationSchema1763740000000];
