// One lint configuration for the workspace. The module-boundary rule is what keeps the layering
// honest: web never imports api, shared libraries import no framework, tags say who may use whom.
import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.angular', '**/.nx', 'data/**', 'test-results/**'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries([])] },
  },
  {
    // Tests start the demo apps in-process: the one application code outside it may import.
    files: ['apps/portal-e2e/**/*.ts', 'apps/portal-api/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(['@passerelle/demo-apps'])] },
  },
  {
    // Shared contracts are plain TypeScript: no framework may creep in.
    files: ['libs/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@angular/*', '@nestjs/*', 'typeorm', 'rxjs', 'express'], message: 'libs/shared stays framework-free.' }] },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

/** The module-boundary rule's options; `allow` lists imports exempt from it. */
function boundaries(allow) {
  return {
    enforceBuildableLibDependency: false,
    allow,
    depConstraints: [
      // Direction between parts of the product.
      { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
      { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
      { sourceTag: 'scope:demo', onlyDependOnLibsWithTags: ['scope:demo', 'scope:shared'] },
      { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:e2e', 'scope:shared'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      // Nx library types: feature → anything; ui → ui, util; data-access → data-access, util; util → util.
      { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    ],
  };
}
