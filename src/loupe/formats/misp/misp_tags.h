// What MISP tags, galaxy clusters and event titles say about an event's indicators (the
// rules are stated in misp_format.h). Thread-safe, pure.
#ifndef LOUPE_FORMATS_MISP_MISP_TAGS_H_
#define LOUPE_FORMATS_MISP_MISP_TAGS_H_

#include <string>
#include <string_view>

#include "loupe/model/category.h"

namespace loupe {

// What one MISP tag or galaxy cluster says about the indicators it is attached to.
struct MispTagMeaning {
  std::string label;  // empty: the tag yields no label
  CategorySet categories = 0;
  bool threat_actor = false;  // names an adversary (threat-actor / intrusion-set galaxy)
  friend bool operator==(const MispTagMeaning&, const MispTagMeaning&) = default;
};

// A tag by name ("tlp:amber", "misp-galaxy:threat-actor=\"Sofacy\"", "Turla", "type:OSINT").
// `event_level`: the tag is on the event, where a TLP tag is kept as a label.
MispTagMeaning ClassifyMispTag(std::string_view name, bool event_level);

// A galaxy cluster: its galaxy type ("threat-actor", "malpedia") and value ("APT 29").
MispTagMeaning ClassifyMispGalaxyCluster(std::string_view galaxy_type, std::string_view value);

// True when `info` holds the word APT ("APT28", "APT 29", "APT-C-23", "Chinese APTs"):
// upper-case, not inside another word.
bool MispInfoMentionsApt(std::string_view info);

// True for the canonical 8-4-4-4-12 hex form of a UUID (either case).
bool IsMispUuid(std::string_view text);

}  // namespace loupe

#endif  // LOUPE_FORMATS_MISP_MISP_TAGS_H_
