import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code is loaded with import() when it is first rendered: the popup's first paint does not wait for
 * the authenticator-key code (otpauth, protobuf, the public suffix list), which most openings never show.
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  return function Lazy(props: P) {
    const [, setReady] = useState(!!loaded);
    useEffect(() => {
      // Loaded between this instance's render and its effect (another instance loaded it): render it now.
      if (loaded) return setReady(true);
      let live = true;
      loading ??= load().then((component) => {
        loaded = component;
      });
      loading.then(() => live && setReady(true));
      return () => {
        live = false;
      };
    }, []);
    return loaded ? h(loaded, props) : null;
  };
}
