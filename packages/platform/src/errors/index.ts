export * from './bus-errors.js';
export * from './domain-errors.js';
export * from './rpc-errors.js';
export * from './no-answer.js';
