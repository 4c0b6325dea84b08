// Hash routing (#/persons/P-000001?tab=case): the server only has to serve
// index.html at "/", and a bookmarked or reloaded address still works.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** path segments, decoded: "#/persons/P-1" -> ["persons", "P-1"] */
  parts: string[];
  query: URLSearchParams;
  /** the hash without '#', for "come back here after login" */
  href: string;
}

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs = ''] = raw.split('?', 2);
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { parts, query: new URLSearchParams(qs), href: raw };
}

/** "#/persons/P-1?q=x" from segments and query. */
export function href(parts: string[], query?: Record<string, string | undefined>): string {
  const path = '#/' + parts.map(encodeURIComponent).join('/');
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) params.set(k, v);
  const qs = params.toString();
  return path + (qs ? '?' + qs : '');
}

export function navigate(target: string, replace = false): void {
  const url = target.startsWith('#') ? target : '#' + target;
  if (replace) {
    history.replaceState(null, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = url;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
