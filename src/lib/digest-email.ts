/**
 * A week's email edition: the HTML that email clients render and its plain-text twin, ready to
 * paste into or send with the newsroom's mail tool. Email clients drop <style> blocks, external
 * stylesheets, scripts and web fonts, and Outlook lays out only tables, so the HTML is one
 * table-based column at most 600 px wide (narrower on a phone), every style inline, every URL
 * absolute. Gmail clips a message over 102 KB (EMAIL_BYTE_LIMIT); a week too large for that
 * with its summaries lists its stories' titles only, each linked. The text twin wraps at 72 columns and
 * writes every link out in full.
 */
import { site } from './site.ts';
import { displayDate, isoDay } from './dates.ts';
import { absolutizeUrls } from './sanitize.ts';
import { htmlToText } from './text.ts';
import { absoluteUrl, paths } from './urls.ts';
import type { DigestWeek } from './weekly-digest.ts';
import { escapeXml } from './xml.ts';

/** Gmail shows "[Message clipped]" past this many bytes of HTML. */
export const EMAIL_BYTE_LIMIT = 102 * 1024;
/** The plain-text twin's line length. */
export const TEXT_WIDTH = 72;

const FONT = "font-family:Georgia,'Times New Roman',serif;";
const SANS = 'font-family:Arial,Helvetica,sans-serif;';
const INK = '#1a1a1a';
const MUTED = '#4d4d4d';
const LINK = '#0b4f9c';
const RULE = '#d6d6d6';

/** Inline styles for the elements an introduction's sanitised Markdown may hold. */
const INTRO_STYLES: Record<string, string> = {
  p: `margin:0 0 12px;${FONT}font-size:17px;line-height:1.5;color:${INK};`,
  a: `color:${LINK};text-decoration:underline;`,
  ul: 'margin:0 0 12px;padding-left:24px;',
  ol: 'margin:0 0 12px;padding-left:24px;',
  li: `margin:0 0 6px;${FONT}font-size:17px;line-height:1.5;color:${INK};`,
  blockquote: `margin:0 0 12px;padding-left:12px;border-left:3px solid ${RULE};`,
  h2: `margin:16px 0 8px;${SANS}font-size:18px;color:${INK};`,
  h3: `margin:16px 0 8px;${SANS}font-size:16px;color:${INK};`,
  h4: `margin:16px 0 8px;${SANS}font-size:15px;color:${INK};`,
  pre: 'white-space:pre-wrap;overflow-wrap:anywhere;',
  img: 'max-width:100%;height:auto;',
  table: 'border-collapse:collapse;',
};

/** The introduction for email: absolute URLs, no classes, an inline style on every element that needs one. */
function emailIntroduction(html: string, base: string): string {
  return absolutizeUrls(html, base)
    .replace(/\sclass="[^"]*"/g, '')
    .replace(/<([a-z][a-z0-9]*)(\s[^>]*?)?(\s?\/)?>/g, (whole, tag: string, attributes = '', slash = '') => {
      const style = INTRO_STYLES[tag];
      return style ? `<${tag}${attributes} style="${style}"${slash}>` : whole;
    });
}

function link(href: string, text: string): string {
  return `<a href="${escapeXml(href)}" style="color:${LINK};text-decoration:underline;">${escapeXml(text)}</a>`;
}

/** The edition's addresses: the week's web page and the feeds. */
function editionLinks(week: DigestWeek) {
  return {
    web: absoluteUrl(paths.digestWeek(week.key)),
    rss: absoluteUrl(paths.digestRss()),
    json: absoluteUrl(paths.digestJsonFeed()),
    feeds: absoluteUrl(paths.feeds()),
    digest: absoluteUrl(paths.digest()),
  };
}

function renderHtml(week: DigestWeek, summaries: boolean): string {
  const links = editionLinks(week);
  const row = (content: string, padding = '0 24px 16px') => `<tr><td style="padding:${padding};">${content}</td></tr>`;
  const rows: string[] = [
    row(
      `<p style="margin:0 0 4px;${SANS}font-size:13px;letter-spacing:1px;text-transform:uppercase;color:${MUTED};">${escapeXml(site.title)} · weekly digest</p>` +
        `<h1 style="margin:0 0 4px;${FONT}font-size:28px;line-height:1.2;color:${INK};">${escapeXml(week.title)}</h1>` +
        `<p style="margin:0 0 12px;${SANS}font-size:14px;color:${MUTED};">${escapeXml(week.dates)} · ${link(links.web, 'Read it on the web')}</p>` +
        `<p style="margin:0;${FONT}font-size:17px;line-height:1.5;color:${INK};">${escapeXml(week.lead)}</p>`,
      '24px 24px 16px',
    ),
  ];
  if (week.introduction) rows.push(row(emailIntroduction(week.introduction, links.web)));
  for (const { topic, articles } of week.topics) {
    // Text styles are set once on the topic's cell and inherited: they would otherwise be
    // repeated on every story, and a large week must stay under EMAIL_BYTE_LIMIT.
    const items = articles.map((article) => {
      const href = escapeXml(absoluteUrl(paths.article(article.slug)));
      const title = `<a href="${href}" style="color:${LINK};">${escapeXml(article.title)}</a>`;
      if (!summaries) return `<li style="margin:0 0 8px;">${title}</li>`;
      return (
        `<h3 style="margin:0;font-size:19px;line-height:1.3;">${title}</h3>` +
        `<p style="margin:2px 0 4px;${SANS}font-size:13px;color:${MUTED};"><time datetime="${isoDay(article.date)}">${displayDate(article.date)}</time></p>` +
        `<p style="margin:0 0 14px;">${escapeXml(article.summary)}</p>`
      );
    });
    const list = summaries ? items.join('') : `<ul style="margin:0;padding-left:20px;">${items.join('')}</ul>`;
    rows.push(
      `<tr><td style="padding:0 24px 16px;${FONT}font-size:16px;line-height:1.5;color:${INK};">` +
        `<h2 style="margin:0 0 10px;padding-top:12px;border-top:1px solid ${RULE};${SANS}font-size:14px;letter-spacing:1px;text-transform:uppercase;color:${MUTED};">${escapeXml(topic.name)}</h2>` +
        `${list}</td></tr>`,
    );
  }
  rows.push(
    row(
      `<p style="margin:0 0 6px;${SANS}font-size:13px;line-height:1.5;color:${MUTED};">${link(links.web, 'This digest on the web')} · ${link(links.digest, 'Every week')}</p>` +
        `<p style="margin:0;${SANS}font-size:13px;line-height:1.5;color:${MUTED};">Follow the weekly digest in a feed reader: ${link(links.rss, 'RSS')} · ${link(links.json, 'JSON Feed')} · ${link(links.feeds, 'all feeds')}</p>`,
      `16px 24px 24px`,
    ),
  );
  const title = `${site.title}: ${week.title} (${week.dates})`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${site.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeXml(title)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:#f2f2ef;color:${INK};">`,
    `<table role="presentation" style="width:100%;border-collapse:collapse;background-color:#f2f2ef;"><tbody><tr><td style="padding:16px 8px;">`,
    // Outlook for Windows ignores max-width; this table, which only it reads, holds the column at 600 px.
    '<!--[if mso]><table role="presentation" align="center" width="600"><tr><td><![endif]-->',
    `<table role="presentation" style="width:100%;max-width:600px;margin:0 auto;border-collapse:collapse;background-color:#ffffff;overflow-wrap:break-word;word-wrap:break-word;"><tbody>`,
    ...rows,
    '</tbody></table>',
    '<!--[if mso]></td></tr></table><![endif]-->',
    '</td></tr></tbody></table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The week's email edition as HTML: with summaries when that fits under EMAIL_BYTE_LIMIT, else titles only. */
export function digestEmailHtml(week: DigestWeek): string {
  const full = renderHtml(week, true);
  return Buffer.byteLength(full) <= EMAIL_BYTE_LIMIT ? full : renderHtml(week, false);
}

/** Text wrapped at `width` columns; a word longer than a line (a URL) gets a line of its own. */
export function wrapText(text: string, width = TEXT_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** "Label: URL" on one line when it fits, else the URL on a line of its own. */
function labelled(label: string, url: string): string[] {
  return label.length + 1 + url.length <= TEXT_WIDTH ? [`${label} ${url}`] : [label, url];
}

/** The introduction as paragraphs of text, each link written out after its text. */
function introductionText(html: string, base: string): string[] {
  const withUrls = absolutizeUrls(html, base).replace(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_, href: string, text: string) => {
    const url = href.replace(/&amp;/g, '&');
    return htmlToText(text).trim() === url ? url : `${text} (${url})`;
  });
  return htmlToText(withUrls)
    .split('\n')
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** The week's email edition as plain text. */
export function digestEmailText(week: DigestWeek): string {
  const links = editionLinks(week);
  const out: string[] = [];
  const paragraph = (text: string) => out.push(...wrapText(text), '');
  out.push(...wrapText(`${site.title.toUpperCase()}: WEEKLY DIGEST`), ...wrapText(`${week.title} (${week.dates})`), '');
  out.push('Read it on the web:', links.web, '');
  paragraph(week.lead);
  if (week.introduction) for (const text of introductionText(week.introduction, links.web)) paragraph(text);
  for (const { topic, articles } of week.topics) {
    const heading = topic.name.toUpperCase();
    out.push(heading, '='.repeat(Math.min(heading.length, TEXT_WIDTH)), '');
    for (const article of articles) {
      out.push(...wrapText(article.title), displayDate(article.date), ...wrapText(article.summary), absoluteUrl(paths.article(article.slug)), '');
    }
  }
  out.push('--', ...wrapText('Follow the weekly digest in a feed reader:'));
  out.push(...labelled('RSS:', links.rss), ...labelled('JSON Feed:', links.json), ...labelled('All feeds:', links.feeds), ...labelled('Every week:', links.digest), '');
  return out.join('\n');
}
