#!/usr/bin/env bash
# Nightly backup: a compressed PostgreSQL dump and a copy of the media folder.
# Run as the newsroom user from cron or a systemd timer; keeps BACKUP_KEEP_DAYS days.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/newsroom}"
MEDIA_ROOT="${MEDIA_ROOT:-/srv/newsroom/media}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BACKUP_DIR/db" "$BACKUP_DIR/media"

# Custom format: compressed, restorable table by table with pg_restore.
pg_dump --format=custom --no-owner --file="$BACKUP_DIR/db/newsroom-$stamp.dump" "$DATABASE_URL"
# Media: hard links to the previous copy, so each day costs only what changed.
latest="$(ls -1d "$BACKUP_DIR"/media/*/ 2>/dev/null | tail -n 1 || true)"
rsync -a --delete ${latest:+--link-dest="$latest"} "$MEDIA_ROOT/" "$BACKUP_DIR/media/$stamp/"

find "$BACKUP_DIR/db" -name 'newsroom-*.dump' -mtime +"$KEEP_DAYS" -delete
find "$BACKUP_DIR/media" -mindepth 1 -maxdepth 1 -type d -mtime +"$KEEP_DAYS" -exec rm -rf {} +
echo "backup $stamp done"
