export { setPreference, type PreferenceSource, type PersonExists } from './set-preference';
export { readPreferences, type PreferenceView } from './read-preferences';
export { PreferenceError, UnknownPersonError } from './preference-error';
export type { PersonRef } from './person-ref';
