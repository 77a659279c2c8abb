export * from './schema';
export * from './codec';
export * from './weights';
export * from './stateFile';
