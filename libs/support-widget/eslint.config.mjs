// support-widget lint: the workspace rules plus angular-eslint (inline templates included).
// Run with `nx run support-widget:lint`.
import angular from 'angular-eslint';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace config is not a project
import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  ...angular.configs.tsRecommended.map((config) => ({ ...config, files: ['libs/support-widget/**/*.ts'] })),
  {
    files: ['libs/support-widget/**/*.ts'],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'pss', style: 'kebab-case' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-standalone': 'error',
      '@angular-eslint/use-lifecycle-interface': 'error',
    },
  },
  ...angular.configs.templateRecommended.map((config) => ({ ...config, files: ['libs/support-widget/**/*.html'] })),
  ...angular.configs.templateAccessibility.map((config) => ({ ...config, files: ['libs/support-widget/**/*.html'] })),
  {
    files: ['libs/support-widget/**/*.html'],
    rules: {
      '@angular-eslint/template/prefer-control-flow': 'error',
      '@angular-eslint/template/button-has-type': 'error',
    },
  },
  {
    files: ['libs/support-widget/karma.conf.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
