export * from './schema';
export * from './codec';
export * from './weights';
export * from './stateFile';
export * from './registry';
export * from './entry';
