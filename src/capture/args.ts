// Small helpers for reshaping Prisma call arguments.

/** A Prisma call's arguments, as a hook receives them. */
export type Args = Record<string, unknown> & {
  where?: unknown;
  data?: unknown;
  select?: Record<string, unknown>;
  omit?: Record<string, unknown>;
  skipDuplicates?: unknown;
};

/** True when the call returns every scalar column (no select or omit narrowing it). */
export const returnsFullRow = (args: Args) => !args?.select && !args?.omit;

/** Makes sure the id comes back, remembering whether the caller asked for it. */
export function withId(args: Args, idField: string): { args: Args; strip: boolean } {
  if (args?.select && !args.select[idField]) return { args: { ...args, select: { ...args.select, [idField]: true } }, strip: true };
  if (args?.omit?.[idField]) return { args: { ...args, omit: { ...args.omit, [idField]: false } }, strip: true };
  return { args, strip: false };
}

export function stripId<T>(result: T, strip: boolean, idField: string): T {
  if (strip && result && typeof result === 'object') delete (result as Record<string, unknown>)[idField];
  return result;
}

/** Comments created inside a ticket write: `data: { <relation>: { create | createMany | connectOrCreate } }`. */
export function createsNestedComments(data: unknown, relation: string): boolean {
  const comments = (data as Record<string, Record<string, unknown> | undefined> | undefined)?.[relation];
  return !!comments && (comments.create !== undefined || comments.createMany !== undefined || comments.connectOrCreate !== undefined);
}

export function upsertCreatesComments(args: Args, relation: string): boolean {
  return createsNestedComments(args?.create, relation) || createsNestedComments(args?.update, relation);
}
