export * from './page-cursor';
export * from './workflow.records';
export * from './workflow.repository';
export * from './identity.repository';
export * from './typeorm-execution.store';
export * from './trigger.records';
export * from './trigger.repository';
export * from './workflow-lifecycle.repository';
