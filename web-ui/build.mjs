// Bundles the UI into the jar's META-INF/resources (run by Maven in generate-resources).
// Usage: node build.mjs [outDir]; the default is Maven's target/classes/META-INF/resources.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] || 'target/classes/META-INF/resources';
const started = Date.now();
mkdirSync(join(out, 'static'), { recursive: true });
await build({
  entryPoints: ['src/main/web/app.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outfile: join(out, 'static', 'app.js'),
  logLevel: 'warning',
  legalComments: 'linked',
});
copyFileSync('src/main/web/index.html', join(out, 'index.html'));
console.log(`web-ui bundled into ${out} in ${Date.now() - started} ms`);
