// Reading one STIX object at a time, for the stix format (stix_format.h says what maps to
// what): JSON fields through simdjson's error codes (nothing here throws), the values an
// observable names, the record fields of an indicator, and the loupe relation a STIX
// relationship between two values stands for. Pure functions, thread-safe; returned views
// point into the simdjson document, which must outlive them.
#ifndef LOUPE_FORMATS_STIX_STIX_OBJECTS_H_
#define LOUPE_FORMATS_STIX_STIX_OBJECTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "loupe/base/time.h"
#include "loupe/feed/record.h"
#include "loupe/model/attributes.h"
#include "loupe/model/category.h"
#include "loupe/model/indicator.h"
#include "loupe/model/relation.h"
#include "simdjson.h"

namespace loupe::stix {

inline constexpr size_t kMaxLabels = 32;  // per indicator record

// ---- JSON fields. A null field counts as absent. ----

std::optional<simdjson::dom::element> At(simdjson::dom::object o, std::string_view key);
std::optional<std::string_view> StringAt(simdjson::dom::object o, std::string_view key);
// True only for a JSON true.
bool TrueAt(simdjson::dom::object o, std::string_view key);
// The strings of an array field (other members ignored); a lone string is a list of one,
// as some producers write "labels": "malicious-activity".
std::vector<std::string_view> StringsAt(simdjson::dom::object o, std::string_view key);
// A timestamp: 0 when absent; InvalidArgument ("valid_from: ...") when unreadable.
absl::StatusOr<UnixSeconds> TimeAt(simdjson::dom::object o, std::string_view key);
// A non-negative integer (count, number_observed): `fallback` when absent,
// InvalidArgument otherwise.
absl::StatusOr<uint64_t> CountAt(simdjson::dom::object o, std::string_view key, uint64_t fallback);

// ---- Values ----

// What an indicator or an observable names, and what was wrong with it.
struct Values {
  std::vector<Indicator> values;      // canonical, without duplicates
  int anchor = -1;                    // the value relations attach to; -1: none
  std::vector<std::string> problems;  // rejection reasons, in order
};

// The value relations attach to, or null.
const Indicator* AnchorOf(const Values& v);

// True for the observable types loupe reads: ipv4-addr, ipv6-addr, domain-name, url, file.
bool IsObservableType(std::string_view type);

// An observable object of `type` (top-level in 2.1, inside observed-data in 2.0). A file
// names its MD5, SHA-1 and SHA-256 hashes (other algorithms ignored) and is anchored on
// the strongest; the others name their `value`. Problems start with `where`.
Values ReadObservable(simdjson::dom::object o, std::string_view type, std::string_view where);

// FileInfo of a file observable whose hashes `v` holds (size from the object).
FileInfo FileInfoOf(simdjson::dom::object file, const Values& v);

// ---- Indicators ----

// An indicator word (labels, indicator_types) as a category: the STIX vocabulary first
// (malicious-activity, compromised -> malicious; anomalous-activity -> suspicious; benign;
// attribution -> apt), then CategoryFromName; nullopt for the rest.
std::optional<Category> IndicatorCategory(std::string_view word);

// Appends `label` unless empty, present already, or the record holds kMaxLabels.
void AddLabel(IndicatorRecord& r, std::string_view label);

// The fields of an indicator's records but the indicator itself: times, confidence,
// categories and labels, reference. InvalidArgument ("confidence: ...") for a bad field.
absl::Status ReadIndicatorRecord(simdjson::dom::object o, IndicatorRecord& r);

// ---- Relationships ----

// The loupe relation for `from` <relationship_type> `to`, if loupe has one: domain
// resolves-to IP (resolves_to) or domain (cname); file communicates-with url
// (accessed_url) or domain (contacted_domain); url downloads file (downloaded_file); IP
// downloads file (served_file).
std::optional<RelationType> MapRelation(const Indicator& from, std::string_view type,
                                        const Indicator& to);

}  // namespace loupe::stix

#endif  // LOUPE_FORMATS_STIX_STIX_OBJECTS_H_
