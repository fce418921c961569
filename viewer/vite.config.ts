// Library build of the web HUD: exactly two files, app.js and app.css, written into the
// Python package (src/debugflow/server/static/) and committed, so installing never needs Node.
// The hand-written index.html beside them stays (emptyOutDir: false).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const outDir = fileURLToPath(new URL("../src/debugflow/server/static", import.meta.url));

export default defineConfig({
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: false,
    target: "es2022",
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL("src/index.ts", import.meta.url)),
      formats: ["es"],
      fileName: () => "app.js",
      cssFileName: "app",
    },
  },
});
