// Small helpers for reshaping Prisma call arguments.

/** True when the call returns every scalar column (no select or omit narrowing it). */
export const returnsFullRow = (args: any) => !args?.select && !args?.omit;

/** Makes sure `id` comes back, remembering whether the caller asked for it. */
export function withId(args: any): { args: any; strip: boolean } {
  if (args?.select && !args.select.id) return { args: { ...args, select: { ...args.select, id: true } }, strip: true };
  if (args?.omit?.id) return { args: { ...args, omit: { ...args.omit, id: false } }, strip: true };
  return { args, strip: false };
}

export function stripId<T>(result: T, strip: boolean): T {
  if (strip && result && typeof result === 'object') delete (result as any).id;
  return result;
}

/** Comments created inside a ticket write: `data: { comments: { create | createMany } }`. */
export function createsNestedComments(data: any): boolean {
  const comments = data?.comments;
  return !!comments && (comments.create !== undefined || comments.createMany !== undefined || comments.connectOrCreate !== undefined);
}

export function upsertCreatesComments(args: any): boolean {
  return createsNestedComments(args?.create) || createsNestedComments(args?.update);
}
