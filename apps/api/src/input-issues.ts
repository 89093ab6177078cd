/** A schema issue, as zod and Standard Schema both report it. */
interface Issue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * Input problems as a sentence a person can act on ("weights.csat: Too big: expected number to be
 * <=10; note: must not contain the NUL character") instead of a JSON list of issues.
 */
export function describeIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
