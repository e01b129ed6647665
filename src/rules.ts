import requireRelease from '../rules/require-release.js';

/** Every rule, by name. One file per rule in `rules/`; this registry is checked against the folder by tests. */
export const rules = {
  'require-release': requireRelease,
};
