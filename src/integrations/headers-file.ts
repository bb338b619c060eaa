/** Writes dist/_headers with the site's security headers after the build (see src/lib/security.ts). */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { headersFile } from '../lib/security.ts';
import { site } from '../lib/site.ts';

export default function headers(): AstroIntegration {
  return {
    name: 'headers-file',
    hooks: {
      'astro:build:done': ({ dir }) => {
        writeFileSync(join(fileURLToPath(dir), '_headers'), headersFile(site.base));
      },
    },
  };
}
