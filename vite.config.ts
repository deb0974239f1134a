import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        // Off: with ~60 routes the whole manifest is small, while discovering routes lazily made
        // every document request match the route tree once per path prefix (measured ~4 % of a
        // lesson page's CPU in scripts/bench/lesson.ts).
        v3_lazyRouteDiscovery: false,
      },
    }),
    tsconfigPaths(),
  ],
  // The Express entry in server/ owns the port; Vite only serves as middleware in dev.
  server: { middlewareMode: true },
});
