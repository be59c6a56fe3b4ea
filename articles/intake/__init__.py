"""Wire intake: agency copy (plain text, IPTC ninjs) becomes a draft story.

`source` reads copy into one neutral `WireItem` (through `text` or `ninjs`);
`suggest` proposes country and people tags with reasons; `headlines` matches the
copy's related headlines to published stories (`archive` finds the candidates);
`fetch` is the guarded outbound HTTP client that `pictures` uses; `importer` is the
one write.
"""
