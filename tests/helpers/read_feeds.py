"""Reads feeds with Python's feedparser (Debian's python3-feedparser), the parser most feed
readers are measured against, and prints what it understood as JSON."""
import json
import sys
import time

import feedparser

out = {}
for path in sys.argv[1:]:
    parsed = feedparser.parse(path)
    out[path] = {
        "bozo": bool(parsed.bozo),
        "bozo_exception": str(parsed.get("bozo_exception", "")),
        "version": parsed.version,
        "title": parsed.feed.get("title"),
        "entries": [
            {
                "id": entry.get("id"),
                "link": entry.get("link"),
                "title": entry.get("title"),
                "published": time.strftime("%Y-%m-%dT%H:%M:%SZ", entry.published_parsed) if entry.get("published_parsed") else None,
                "tags": [tag.get("term") for tag in entry.get("tags", [])],
                "content": (entry.get("content") or [{}])[0].get("value"),
            }
            for entry in parsed.entries
        ],
    }
print(json.dumps(out))
