export * from './entities';
export * from './migrations';
export * from './data-source-options';
export * from './run-migrations';
export * from './repositories';
export * from './repositories/execution-list.repository';
export * from './repositories/execution-stats.repository';
export * from './repositories/task-token.repository';
