// eslint-doc-generator writes the README rule table and configs list and every rule-doc header,
// and fails on missing sections. It loads the plugin through package.json `exports`, so build first:
// `npm run update:eslint-docs` (write) / `npm run lint:eslint-docs` (check, in CI).

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['recommended-type-checked', '☑️'],
    ['all', '🌐'],
  ],
  ruleDocTitleFormat: 'prefix-name',
  ruleDocNotices: ['description', 'configs', 'deprecated', 'fixableAndHasSuggestions', 'requiresTypeChecking', 'options'],
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'requiresTypeChecking', 'options', 'deprecated'],
  // Every doc has these; "Options" is required (with every option named) exactly when the rule has options.
  ruleDocSectionInclude: ['Examples', 'Fixes and suggestions', 'When Not To Use It'],
  ruleDocSectionOptions: true,
  urlConfigs: 'https://github.com/connection-hygiene/eslint-plugin-connection-hygiene#configs',
};

export default config;
