import { type ComponentType, type ReactNode, useEffect, useState } from 'react';

export interface Loadable<P> {
  (props: P): ReactNode;
  /** Starts loading the code now (idempotent): before it is needed, in parallel with other work. */
  preload(): Promise<unknown>;
}

/**
 * Code splitting without Suspense: React throttles the reveal of suspended content (by about 300 ms in
 * React 19), which a page or chart loaded on demand would pay on every first visit. Here a component
 * whose code has arrived renders at once, and one still loading shows `fallback` and re-renders when it
 * arrives. A failed load is thrown during render, for the nearest error boundary.
 */
export function loadable<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: (props: P) => ReactNode,
): Loadable<P> {
  let loaded: ComponentType<P> | null = null;
  let failed: unknown = null;
  let pending: Promise<unknown> | null = null;
  const preload = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        failed = error;
      },
    );
    return pending;
  };
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page or chart at module level, like React.lazy
  function LoadableComponent(props: P) {
    const [, arrived] = useState(0);
    useEffect(() => {
      if (!loaded && !failed) void preload().then(() => arrived((n) => n + 1));
    }, []);
    if (failed) throw failed;
    if (!loaded) return fallback(props);
    const Component = loaded;
    return <Component {...props} />;
  }
  LoadableComponent.preload = preload;
  return LoadableComponent;
}
