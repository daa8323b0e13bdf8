export * from './lib/errors';
export * from './lib/instance';
export * from './lib/locales';
export * from './lib/routes';
export * from './lib/identity';
export * from './lib/catalog';
export * from './lib/guests';
export * from './lib/alerts';
