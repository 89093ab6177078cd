import type { Me } from '../lib/api-types.ts';

/**
 * What every page receives from the shell. Its own module, so that pages depend on it and not on the
 * routes, which load the pages (a page importing the routes made an import circle).
 */
export interface PageProps {
  me: Me;
  params: Record<string, string>;
}
