// The "misp-feed" format: the files of a MISP feed directory, as MISP servers publish it
// and PyMISP's feed generator writes it (https://www.circl.lu/doc/misp/managing-feeds/ ,
// https://github.com/MISP/PyMISP/tree/main/examples/feed-generator ):
//   manifest.json   {"<event uuid>": {"Orgc": {"name", "uuid"}, "Tag": [{"name", "colour"}],
//                    "info": "...", "date": "2024-05-01", "analysis": 2,
//                    "threat_level_id": 3, "timestamp": 1714557600}, ...}
//   <uuid>.json     one event, {"Event": {...}}
//   hashes.csv      "<md5 of an attribute value>,<event uuid>" a line (each part of a
//                   composite value hashed on its own)
// The ingester expands the directory and gives each file as its own input; the file name
// (BeginInput's path) says which it is:
//   manifest.json -> checked: a JSON object whose keys are event UUIDs and whose values
//                    are objects with a string "info"; each good entry is one Skip (the
//                    events come from their own files), each bad one a rejection
//                    (position = the 1-based entry index);
//   *.csv         -> hashes.csv, a lookup index with nothing to store: each
//                    "<hex digest>,<uuid>" line is one Skip, any other non-blank line a
//                    rejection (position = the line number);
//   anything else -> an event file, mapped exactly as the "misp" format does (see
//                    misp_format.h). Whatever the name, text whose first line is
//                    "<hex digest>,<uuid>" is taken for hashes.csv, and a JSON object whose
//                    first key is a UUID for a manifest.
// Not thread-safe (the parser reuses its JSON buffers and keeps the current file name).
#ifndef LOUPE_FORMATS_MISP_MISP_FEED_FORMAT_H_
#define LOUPE_FORMATS_MISP_MISP_FEED_FORMAT_H_

#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

std::unique_ptr<FeedParser> MakeMispFeedParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_MISP_MISP_FEED_FORMAT_H_
