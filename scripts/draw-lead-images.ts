/**
 * Draws the seed articles' lead images: bar charts of figures the articles themselves give, set
 * in Inter (text turned into paths with fontkit, so the drawing needs no installed font) and
 * rasterised with resvg into content/images/. Run it after changing a chart:
 *   node scripts/draw-lead-images.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);
const font = (weight: number) => fontkit.openSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`)) as fontkit.Font;
const regular = font(400);
const bold = font(700);

const WIDTH = 1600;
const HEIGHT = 900;
const INK = '#1b1b1f';
const MUTED = '#55565f';
const COLOURS = ['#1d4ed8', '#9aa9d6'];

/** Text as an SVG path, starting at x on the baseline y; anchor 'end' right-aligns it at x. */
function text(value: string, x: number, y: number, size: number, options: { weight?: 'bold'; colour?: string; anchor?: 'end' | 'middle' } = {}): string {
  const face = options.weight === 'bold' ? bold : regular;
  const run = face.layout(value);
  const scale = size / face.unitsPerEm;
  const width = run.positions.reduce((sum, position) => sum + position.xAdvance, 0) * scale;
  let pen = options.anchor === 'end' ? x - width : options.anchor === 'middle' ? x - width / 2 : x;
  const paths: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const d = glyph.path.toSVG();
    if (d) paths.push(`<path transform="matrix(${scale} 0 0 ${-scale} ${pen.toFixed(2)} ${y})" d="${d}"/>`);
    pen += run.positions[i].xAdvance * scale;
  });
  return `<g fill="${options.colour ?? INK}">${paths.join('')}</g>`;
}

interface Chart {
  file: string;
  title: string;
  note: string;
  unit: (value: number) => string;
  /** Groups of bars; each bar's value, label under the group. */
  groups: { label: string; bars: { key: string; value: number; shown?: string }[] }[];
}

function drawChart(chart: Chart): string {
  const left = 120;
  const right = WIDTH - 120;
  const base = 720;
  const top = 260;
  const max = Math.max(...chart.groups.flatMap((group) => group.bars.map((bar) => bar.value)));
  const groupWidth = (right - left) / chart.groups.length;
  const barWidth = Math.min(220, (groupWidth - 120) / Math.max(...chart.groups.map((group) => group.bars.length)));
  const parts = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fdfdfc"/>`,
    text(chart.title, left, 130, 56, { weight: 'bold' }),
    text(chart.note, left, 195, 34, { colour: MUTED }),
    `<line x1="${left}" y1="${base}" x2="${right}" y2="${base}" stroke="${INK}" stroke-width="4"/>`,
  ];
  chart.groups.forEach((group, g) => {
    const centre = left + groupWidth * (g + 0.5);
    const start = centre - (barWidth * group.bars.length + 24 * (group.bars.length - 1)) / 2;
    group.bars.forEach((bar, b) => {
      const height = ((base - top) * bar.value) / max;
      const x = start + b * (barWidth + 24);
      parts.push(`<rect x="${x.toFixed(1)}" y="${(base - height).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${COLOURS[(group.bars.length - 1 - b) % COLOURS.length]}"/>`);
      parts.push(text(bar.shown ?? chart.unit(bar.value), x + barWidth / 2, base - height - 18, 36, { weight: 'bold', anchor: 'middle' }));
      parts.push(text(bar.key, x + barWidth / 2, base + 50, 32, { colour: MUTED, anchor: 'middle' }));
    });
    parts.push(text(group.label, centre, base + 110, 36, { anchor: 'middle' }));
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${parts.join('')}</svg>`;
}

const billions = (value: number) => `$${value.toFixed(2)} bn`;

/** Figures as the articles give them; the 2023 values follow from the growth rates they state. */
export const charts: Chart[] = [
  {
    file: 'china-us-chip-imports.png',
    title: 'China’s imports of US microchips',
    note: '2023 derived from the stated 60% and 42.5% rises',
    unit: billions,
    groups: [
      { label: 'October', bars: [{ key: '2023', value: 1.11 / 1.6 }, { key: '2024', value: 1.11 }] },
      { label: 'January to October', bars: [{ key: '2023', value: 9.61 / 1.425 }, { key: '2024', value: 9.61 }] },
    ],
  },
  {
    file: 'satellites-in-orbit.png',
    title: 'Satellites in orbit',
    note: 'Starlink’s constellation and all of China’s satellites',
    unit: (value) => value.toLocaleString('en-US'),
    groups: [
      { label: 'Starlink', bars: [{ key: '', value: 6000, shown: 'over 6,000' }] },
      { label: 'China, all operators', bars: [{ key: '', value: 1059 }] },
    ],
  },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const chart of charts) {
    const png = new Resvg(drawChart(chart), { font: { loadSystemFonts: false } }).render().asPng();
    const out = fileURLToPath(new URL(`../content/images/${chart.file}`, import.meta.url));
    writeFileSync(out, png);
    console.log(`${out}: ${png.length} bytes`);
  }
}
