/** Nest injection token for the process's validated BatonConfig. */
export const BATON_CONFIG = Symbol('BATON_CONFIG');
