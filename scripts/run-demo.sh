#!/usr/bin/env bash
# `make run`: create the demo store if it is absent, then show what loupe answers.
# (The API server issue turns this into `loupe serve`.)
set -euo pipefail
loupe=$1 db=$2 objects=$3
export LOUPE_DB=$db
if [ ! -d "$db" ]; then
  echo "creating a demo store of about $objects objects in $db"
  "$loupe" demo --objects "$objects"
  "$loupe" verdict recompute
fi
"$loupe" stats
echo
echo "loupe is ready on its embedded store ($db). Try:"
echo "  $loupe --db $db report <ip|domain|url|hash> --format table"
echo "  $loupe --db $db lookup get_ip_report <ip> --format flat"
echo "  $loupe --db $db verdict set <value> --zone Red --reason \"why\" --expires 30d"
echo "  $loupe --db $db ingest ../shared/data/ipsum/ipsum.txt --source ipsum"
echo "  $loupe --db $db --sources examples/shared-data-sources.toml sources pull"
