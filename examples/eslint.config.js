// What a user of the plugin writes. The plugin is imported from the repository's build
// (`npm run build`); in a real project it would be `import connectionHygiene from 'eslint-plugin-connection-hygiene'`.
import tsParser from '@typescript-eslint/parser';
import connectionHygiene from '../dist/src/index.js';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tsParser,
      // type information lets the rules follow the shared pool that src/db.ts exports
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  // `strict` = `recommended` plus pool-limit and simplification checks ...
  connectionHygiene.configs.strict,
  // ... with the type-aware resolution that `recommended-type-checked` turns on.
  { settings: { 'connection-hygiene': { typeAware: true } } },
];
