import { describe, expect, it } from 'vitest';
import { escapeContentStore } from '../../src/integrations/content-store-ascii.ts';

/** The module Astro writes for a content store (vite-plugin-content-virtual-mod.js). */
const moduleFor = (data: unknown) => `export default JSON.parse(${JSON.stringify(JSON.stringify(data))})`;
const evaluate = (code: string): unknown => new Function(`return ${code.replace(/^export default /, '')}`)();

describe('escapeContentStore', () => {
  const data = [
    ['Map', 1, 2],
    'articles',
    { title: 'China’s “chip” rules – naïve 🚀', html: '<p>Huawei’s \\ "quoted" \u2028 line</p>', plain: 'ASCII only' },
  ];

  it('writes the module in ASCII and JSON.parse gives back exactly the same data', () => {
    const original = moduleFor(data);
    const result = escapeContentStore(original);
    expect(result).not.toBeNull();
    expect(result!.code).toMatch(/^[\x00-\x7f]*$/);
    // ’ “ ” – ï, the rocket's two UTF-16 halves, ’: nine characters.
    expect(result!.escaped).toBe(9);
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
  });
});
