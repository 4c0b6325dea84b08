// Vite build for the sawt front end. The output (web/dist: index.html and
// hashed files under /assets/) is embedded in the sawt binary and served under
// a strict CSP (script-src 'self'; style-src 'self'), so the build must emit
// no inline script or style and fetch nothing from another origin.
// `npm run dev` proxies /api to a running server (SAWT_API, default the mock
// on 127.0.0.1:8787: `npm run mock`).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0, // every asset is a file under /assets, never a data: URL
    modulePreload: { polyfill: false }, // the polyfill would be an extra script; all targets support modulepreload
    cssCodeSplit: false,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': process.env.SAWT_API ?? 'http://127.0.0.1:8787' },
  },
});
