export * from './page-cursor';
export * from './workflow.records';
export * from './workflow.repository';
export * from './identity.repository';
export * from './typeorm-execution.store';
