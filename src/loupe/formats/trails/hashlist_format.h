// Hash lists as ESET publishes them (https://github.com/eset/malware-ioc, e.g.
// emotet/samples.sha256): one file hash a line, MD5, SHA-1 or SHA-256 in any mix, with
// optional text after whitespace ("<hash>  dropper.exe", as sha256sum writes it).
//
// Each hash becomes an indicator with category malware and, as its label, the campaign:
// the name of the folder holding the file ("emotet" for emotet/samples.sha256,
// "cryptominer" for stantinko/cryptominer/samples.md5); no label when the path has no
// folder. The file's extension does not restrict the hash type. Blank and '#' lines are
// skipped; anything that is not 32, 40 or 64 hex digits is rejected with the reason.
//
// Not thread-safe (per-input state); one parser per ingest run.
#ifndef LOUPE_FORMATS_TRAILS_HASHLIST_FORMAT_H_
#define LOUPE_FORMATS_TRAILS_HASHLIST_FORMAT_H_

#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

// The "hashlist" format.
std::unique_ptr<FeedParser> MakeHashlistParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_TRAILS_HASHLIST_FORMAT_H_
