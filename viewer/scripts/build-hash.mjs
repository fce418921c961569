// Records what the committed bundle was built from, for tests/test_viewer_build.py (which
// recomputes the same hashes in Python, so a stale bundle fails CI even where Node is absent).
//
// sources = sha256 over the viewer's sources in sorted order, each as
//   <path relative to viewer/, "/" separated> NUL <bytes with CRLF turned into LF> NUL
// The built files are hashed as they are, so a hand-edited bundle is caught too.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const viewer = fileURLToPath(new URL("..", import.meta.url));
const staticDir = join(viewer, "..", "src", "debugflow", "server", "static");
const TOP_FILES = ["package.json", "package-lock.json", "tsconfig.json", "vite.config.ts"];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

function sourcesHash() {
  const files = [...walk(join(viewer, "src")), ...TOP_FILES.map((name) => join(viewer, name))];
  const names = files.map((file) => relative(viewer, file).split(sep).join("/")).sort();
  const hash = createHash("sha256");
  for (const name of names) {
    const text = readFileSync(join(viewer, name)).toString("latin1").replaceAll("\r\n", "\n");
    hash.update(name, "utf8").update("\0").update(Buffer.from(text, "latin1")).update("\0");
  }
  return hash.digest("hex");
}

function fileHash(name) {
  return createHash("sha256").update(readFileSync(join(staticDir, name))).digest("hex");
}

const lines = [
  "# Written by `npm run build` in viewer/; checked by tests/test_viewer_build.py.",
  `sources ${sourcesHash()}`,
  `app.js ${fileHash("app.js")}`,
  `app.css ${fileHash("app.css")}`,
];
writeFileSync(join(staticDir, "BUILD_HASH"), lines.join("\n") + "\n");
console.log(lines.slice(1).join("\n"));
