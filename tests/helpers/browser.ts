/**
 * Real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the built site
 * served by `astro preview`, the same server `npm start` runs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { preview } from 'astro';
import { root } from './paths.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run; in CI a missing Chromium is a failure, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium is required in CI but ${CHROMIUM} does not exist (apt-get install -y chromium)`);
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  return false;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A Chromium with a fresh profile of its own; close() also deletes the profile. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium on a fresh, empty profile (no cache, no cookies). */
export async function launchChromium(options: { colorScheme?: 'light' | 'dark'; deviceScaleFactor?: number } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: options.deviceScaleFactor,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** `astro preview` (which gzips like a static host) over outDir, on a free port. */
export async function startPreview(outDir: string, projectRoot = root): Promise<{ origin: string; stop(): Promise<void> }> {
  const server = await preview({ root: projectRoot, outDir, logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  return { origin: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}

export interface Session {
  context: BrowserContext;
  origin: string;
  close(): Promise<void>;
}

/** Starts `astro preview` on a free port over outDir and a fresh Chromium profile. */
export async function openSite(outDir = 'dist', options: { colorScheme?: 'light' | 'dark'; deviceScaleFactor?: number } = {}): Promise<Session> {
  const server = await startPreview(outDir);
  const browser = await launchChromium(options);
  return {
    context: browser.context,
    origin: server.origin,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
