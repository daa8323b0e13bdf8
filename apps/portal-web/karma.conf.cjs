// Karma configuration for portal-web unit specs (`nx run portal-web:test`); the settings are shared
// with the support widget in tools/test/karma-config.cjs.
// eslint-disable-next-line @nx/enforce-module-boundaries -- build tooling shared between projects, not project code
module.exports = require('../../tools/test/karma-config.cjs').karmaConfig({ suite: 'web-unit', project: 'portal-web' });
