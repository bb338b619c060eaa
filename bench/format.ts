/** How the bench writes its figures. Sizes: 1 KB = 1,000 bytes, 1 MB = 10^6 bytes, 1 GiB = 2^30 bytes. */
import { GiB } from './context.ts';

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-GB');
export const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const fmtMs = (ms: number) => (ms >= 100 ? `${Math.round(ms)}` : ms.toFixed(1));
export const fmtGiB = (bytes: number) => `${(bytes / GiB).toFixed(2)} GiB`;
export const fmtMB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
export const fmtKB = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
export const fmtLoad = (f: { cpuS: number | null; otherLoad: number | null }) =>
  `${f.cpuS !== null ? `; ${f.cpuS.toFixed(1)} CPU-s` : ''}${f.otherLoad !== null ? `; other processes ${Math.round(f.otherLoad * 100)}% of the CPU` : ''}`;
export const fmtBreakdown = (parts: { name: string; bytes: number; files: number }[]) =>
  parts.filter((p, i) => i < 10 || p.name.startsWith('of which')).map((p) => `${p.name} ${fmtMB(p.bytes)} (${fmtInt(p.files)})`).join(' · ');
export const fmtRatio = (r: number | null) => (r === null || !Number.isFinite(r) ? 'n/a' : `${r.toFixed(2)}×`);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
