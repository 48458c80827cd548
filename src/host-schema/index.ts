// The one module that knows the host app's Prisma schema: everything else speaks in domain values.
export { DEFAULT_HOST_SCHEMA, type HostSchemaOptions, type StatusVocabulary } from './mapping';
export { resolveHostSchema, HostSchemaError, type HostSchema } from './resolve-schema';
export { clientProvider } from './data-model';
export { hostStore, type HostStore, type HostDb, type PersonRecord, type RowLock } from './host-store';
