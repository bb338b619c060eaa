/**
 * Makes a feed opened in a browser that still supports XSLT read as a page. Chrome 155 and later
 * dropped XSLT and show the raw XML; every link a reader clicks therefore points at /feeds/,
 * an HTML page about the feeds, and this stylesheet is only a courtesy to other browsers.
 */
import type { APIRoute } from 'astro';
import { ATOM_NS, FEED_HISTORY_NS } from '../lib/feeds.ts';
import { site } from '../lib/site.ts';
import { paths, url } from '../lib/urls.ts';

export const GET: APIRoute = () =>
  new Response(
    `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="${ATOM_NS}" xmlns:fh="${FEED_HISTORY_NS}">
<xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/">
<html lang="${site.lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="rss/channel/title"/> (RSS feed)</title>
<link rel="stylesheet" href="${url('/feed.css')}"/>
</head>
<body>
<main class="wrap">
<xsl:choose>
<xsl:when test="rss/channel/fh:archive">
<p class="notice">This is one month of an RSS feed's archive. To get new articles, subscribe to <a><xsl:attribute name="href"><xsl:value-of select="rss/channel/atom:link[@rel='current']/@href"/></xsl:attribute>the feed itself</a>. <a href="${url(paths.feeds())}">About the feeds</a></p>
</xsl:when>
<xsl:otherwise>
<p class="notice">This is an RSS feed. Copy its address into a feed reader to get new articles as they are published. <a href="${url(paths.feeds())}">About the feeds</a></p>
</xsl:otherwise>
</xsl:choose>
<h1><xsl:value-of select="rss/channel/title"/></h1>
<p><xsl:value-of select="rss/channel/description"/></p>
<ol class="article-list">
<xsl:for-each select="rss/channel/item">
<li class="article-item">
<h2><a><xsl:attribute name="href"><xsl:value-of select="link"/></xsl:attribute><xsl:value-of select="title"/></a></h2>
<p class="meta"><xsl:value-of select="pubDate"/></p>
<p><xsl:value-of select="description"/></p>
</li>
</xsl:for-each>
</ol>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
`,
    { headers: { 'Content-Type': 'text/xsl; charset=utf-8' } },
  );
