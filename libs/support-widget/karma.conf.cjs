// Karma configuration for the support widget unit specs (`nx run support-widget:test`); the settings
// are shared with portal-web in tools/test/karma-config.cjs.
// eslint-disable-next-line @nx/enforce-module-boundaries -- build tooling shared between projects, not project code
module.exports = require('../../tools/test/karma-config.cjs').karmaConfig({ suite: 'widget-unit', project: 'support-widget' });
