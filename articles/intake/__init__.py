"""Wire intake, the reading side: agency copy (plain text, IPTC ninjs) is read and
understood here; nothing here writes.

`source` reads copy into one neutral `WireItem` (through `text` or `ninjs`);
`suggest` proposes country and people tags with reasons; `headlines` matches the
copy's related headlines to published stories (`archive` finds the candidates);
`pictures` fetches agency pictures through `articles.outbound` and the upload
policy. The write is `articles.services.intake`.
"""
