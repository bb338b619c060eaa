import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_STORE_MODULE, escapeContentStore } from '../../src/integrations/content-store-ascii.ts';

/** The module Astro writes for a content store (vite-plugin-content-virtual-mod.js). */
const moduleFor = (data: unknown) => `export default JSON.parse(${JSON.stringify(JSON.stringify(data))})`;
const evaluate = (code: string): unknown => new Function(`return ${code.replace(/^export default /, '')}`)();

describe('escapeContentStore', () => {
  const data = [
    ['Map', 1, 2],
    'articles',
    { title: 'China’s “chip” rules – naïve 🚀', html: '<p>Huawei’s \\ "quoted" \u2028 line</p>', plain: 'ASCII only' },
    { path: 'C:\\', after: '’ after a value that ends in a backslash' },
  ];

  it('writes the module in ASCII and JSON.parse gives back exactly the same data', () => {
    const original = moduleFor(data);
    const result = escapeContentStore(original);
    expect(result).not.toBeNull();
    expect(result!.code).toMatch(/^[\x00-\x7f]*$/);
    // ’ “ ” – ï, the rocket's two UTF-16 halves, ’, U+2028, ’: ten UTF-16 units.
    expect(result!.escaped).toBe(10);
    expect(evaluate(result!.code)).toEqual(data);
    expect(evaluate(result!.code)).toEqual(evaluate(original));
  });

  it('leaves an ASCII store unchanged', () => {
    const original = moduleFor({ title: 'plain' });
    expect(escapeContentStore(original)).toEqual({ code: original, escaped: 0 });
  });

  it('does not touch code of another shape', () => {
    expect(escapeContentStore('export default new Map()')).toBeNull();
    expect(escapeContentStore('export default { title: "China’s" }')).toBeNull();
    expect(escapeContentStore('export default JSON.parse("[]"); console.log("’")')).toBeNull();
    // Astro's chunked storage, and a literal JSON.stringify would never write (an escaped ’).
    expect(escapeContentStore('export default{"articles":[(await import("astro:data-layer-content-chunk:0.json"))]}')).toBeNull();
    expect(escapeContentStore('export default JSON.parse("\\’")')).toBeNull();
  });

  it('targets the module id Astro gives its content store', () => {
    const require = createRequire(import.meta.url);
    const consts = readFileSync(join(dirname(require.resolve('astro/package.json')), 'dist/content/consts.js'), 'utf8');
    expect(consts).toContain(`const DATA_STORE_VIRTUAL_ID = "${CONTENT_STORE_MODULE.slice(1)}";`);
    expect(consts).toContain('const RESOLVED_DATA_STORE_VIRTUAL_ID = "\\0" + DATA_STORE_VIRTUAL_ID;');
  });
});
