// portal-web lint: the workspace rules (module boundaries) plus angular-eslint for TypeScript and
// templates, including its template accessibility rules. Run with `nx run portal-web:lint`.
import angular from 'angular-eslint';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace config is not a project
import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  ...angular.configs.tsRecommended.map((config) => ({ ...config, files: ['apps/portal-web/**/*.ts'] })),
  {
    files: ['apps/portal-web/**/*.ts'],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'psl', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'psl', style: 'camelCase' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-standalone': 'error',
      '@angular-eslint/no-pipe-impure': 'off', // the `t` pipe is impure by design (it follows the locale signal)
      '@angular-eslint/use-lifecycle-interface': 'error',
    },
  },
  ...angular.configs.templateRecommended.map((config) => ({ ...config, files: ['apps/portal-web/**/*.html'] })),
  ...angular.configs.templateAccessibility.map((config) => ({ ...config, files: ['apps/portal-web/**/*.html'] })),
  {
    files: ['apps/portal-web/**/*.html'],
    rules: {
      '@angular-eslint/template/prefer-control-flow': 'error',
      '@angular-eslint/template/prefer-self-closing-tags': 'error',
      '@angular-eslint/template/button-has-type': 'error',
    },
  },
  {
    files: ['apps/portal-web/karma.conf.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
