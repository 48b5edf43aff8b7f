#include "loupe/formats/misp/misp_event.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>
#include <vector>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/feed/feed_time.h"
#include "loupe/formats/misp/misp_tags.h"
#include "loupe/formats/misp/misp_text.h"
#include "loupe/formats/misp/misp_value.h"
#include "loupe/model/attributes.h"
#include "loupe/model/indicator.h"
#include "loupe/model/relation.h"

namespace loupe {
namespace {

using misp_text::ToLower;
using misp_text::Trim;
using simdjson::SUCCESS;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// Attributes the source does not flag for detection (to_ids false) are context: kept, but
// with this confidence instead of the run's. A record weighs reliability x confidence / 100,
// so below 50 context alone never lifts an object to Orange, whatever the source's
// reliability (ESET marks services its samples abuse, api.telegram.org, so).
constexpr uint8_t kContextConfidence = 40;

// --- JSON readers. MISP writes most scalars as strings ("timestamp": "1539199734",
// "to_ids": "1" in older exports) and newer exports as numbers and booleans: each reader
// takes either, and a missing or unreadable field is empty, never an error.

std::string_view Str(object o, std::string_view key) {
  std::string_view s;
  if (o[key].get(s) != SUCCESS) return {};
  return s;
}

bool Flag(object o, std::string_view key) {
  element v;
  if (o[key].get(v) != SUCCESS) return false;
  bool b;
  if (v.get(b) == SUCCESS) return b;
  int64_t n;
  if (v.get(n) == SUCCESS) return n != 0;
  std::string_view s;
  if (v.get(s) == SUCCESS) {
    s = Trim(s);
    return s == "1" || ToLower(s) == "true";
  }
  return false;
}

UnixSeconds TimeOf(object o, std::string_view key) {
  element v;
  if (o[key].get(v) != SUCCESS) return 0;
  std::string_view s;
  if (v.get(s) == SUCCESS) {
    absl::StatusOr<UnixSeconds> t = ParseFeedTime(Trim(s));
    return t.ok() ? *t : 0;
  }
  int64_t n;
  if (v.get(n) == SUCCESS) return n > 0 ? n : 0;
  double d;
  if (v.get(d) == SUCCESS && d >= 1 && d < 1e12) return static_cast<UnixSeconds>(d);
  return 0;
}

// A value as text: strings as they are, integers (a "size-in-bytes" or "port" some
// exporters write as a number) in decimal.
std::optional<std::string> ValueText(object o) {
  element v;
  if (o["value"].get(v) != SUCCESS) return std::nullopt;
  std::string_view s;
  if (v.get(s) == SUCCESS) return std::string(s);
  int64_t n;
  if (v.get(n) == SUCCESS) return fmt::format("{}", n);
  uint64_t u;
  if (v.get(u) == SUCCESS) return fmt::format("{}", u);
  return std::nullopt;
}

// The category a MISP attribute category implies.
CategorySet CategoriesOf(std::string_view category, bool to_ids) {
  if (category == "Network activity") return to_ids ? CategoryBit(Category::kMalicious) : 0;
  if (category == "Payload delivery") return CategoryBit(Category::kPayloadDelivery);
  if (category == "Artifacts dropped" || category == "Payload installation") {
    return CategoryBit(Category::kMalware);
  }
  return 0;
}

// --- Events.

struct Times {
  UnixSeconds first = 0, last = 0;

  void Widen(const Times& t) {
    if (t.first != 0 && (first == 0 || t.first < first)) first = t.first;
    if (t.last > last) last = t.last;
  }
};

// The indicators an object (or a standalone attribute) carried, by role, for the
// relations its ObjectReferences state.
struct Node {
  std::vector<Indicator> files, urls, domains, ips;
  Times times;

  void Add(const Indicator& indicator, const Times& t) {
    switch (indicator.type) {
      case IndicatorType::kMd5:
      case IndicatorType::kSha1:
      case IndicatorType::kSha256:
        files.push_back(indicator);
        break;
      case IndicatorType::kUrl:
        urls.push_back(indicator);
        break;
      case IndicatorType::kDomain:
        domains.push_back(indicator);
        break;
      case IndicatorType::kIpv4:
      case IndicatorType::kIpv6:
        ips.push_back(indicator);
        break;
      case IndicatorType::kNetwork:
        return;
    }
    times.Widen(t);
  }
};

// The object an attribute belongs to, and what a file object gathers from its attributes.
struct ObjectScope {
  Times times;        // the object's own first_seen / last_seen
  bool skip = false;  // deleted, or describes a victim
  bool file = false;
  std::vector<std::string> file_names;
  FileInfo info;
  Node node;
};

// Objects that describe the victims, not the adversary.
bool IsVictimObject(std::string_view name) {
  return name == "victim" || name == "corporate-asset" || name == "target-system";
}

void AddLabel(std::vector<std::string>& labels, std::string label) {
  if (label.empty() || std::find(labels.begin(), labels.end(), label) != labels.end()) return;
  labels.push_back(std::move(label));
}

// Applies the Tag[] and Galaxy[] of an event or attribute. True when one names an
// adversary.
bool ApplyTags(object o, bool event_level, std::vector<std::string>& labels,
               CategorySet& categories) {
  bool actor = false;
  auto apply = [&](MispTagMeaning m) {
    AddLabel(labels, std::move(m.label));
    categories |= m.categories;
    actor |= m.threat_actor;
  };
  array tags;
  if (o["Tag"].get(tags) == SUCCESS) {
    for (element t : tags) {
      object tag;
      if (t.get(tag) == SUCCESS) apply(ClassifyMispTag(Str(tag, "name"), event_level));
    }
  }
  array galaxies;
  if (o["Galaxy"].get(galaxies) != SUCCESS) return actor;
  for (element g : galaxies) {
    object galaxy;
    array clusters;
    if (g.get(galaxy) != SUCCESS || galaxy["GalaxyCluster"].get(clusters) != SUCCESS) continue;
    for (element c : clusters) {
      object cluster;
      if (c.get(cluster) != SUCCESS) continue;
      std::string_view type = Str(cluster, "type");
      if (type.empty()) type = Str(galaxy, "type");
      apply(ClassifyMispGalaxyCluster(type, Str(cluster, "value")));
    }
  }
  return actor;
}

// Maps one event. Standalone attributes first, then objects, then the references between
// objects (which may point forward).
class EventMapper {
 public:
  EventMapper(RecordSink& sink, uint64_t& position) : sink_(sink), position_(position) {}

  absl::Status Map(object event) {
    ReadMeta(event);
    array attributes, objects;
    if (event["Attribute"].get(attributes) == SUCCESS) {
      for (element a : attributes) RETURN_IF_ERROR(MapAttribute(a, nullptr));
    }
    if (event["Object"].get(objects) == SUCCESS) {
      for (element o : objects) RETURN_IF_ERROR(MapObject(o));
    }
    return MapReferences();
  }

 private:
  struct Reference {
    std::string from, to, type;
  };

  void ReadMeta(object event) {
    uuid_ = std::string(Trim(Str(event, "uuid")));
    const std::string_view info = Str(event, "info");
    date_ = TimeOf(event, "date");
    const bool actor = ApplyTags(event, /*event_level=*/true, labels_, categories_);
    if (!uuid_.empty()) {
      reference_ = "misp:event/" + uuid_;
      if (actor || MispInfoMentionsApt(info)) {
        report_ = AttributeToJson(AptReportRef{uuid_, std::string(info)});
      }
    }
  }

  // first_seen: the attribute's, else its object's, else the event date, else the
  // attribute timestamp; last_seen: the attribute's, else its object's, else the
  // attribute timestamp (when the source last asserted it).
  Times TimesOf(object attr, const ObjectScope* scope) const {
    const UnixSeconds stamp = TimeOf(attr, "timestamp");
    Times t{TimeOf(attr, "first_seen"), TimeOf(attr, "last_seen")};
    if (t.first == 0 && scope != nullptr) t.first = scope->times.first;
    if (t.first == 0) t.first = date_ != 0 ? date_ : stamp;
    if (t.last == 0 && scope != nullptr) t.last = scope->times.last;
    if (t.last == 0) t.last = stamp != 0 ? stamp : t.first;
    if (t.last < t.first) t.last = t.first;
    return t;
  }

  // A file object's filename, size and mimetype describe its hashes. True when taken.
  static bool TakeFileFact(ObjectScope& scope, std::string_view relation, std::string_view type,
                           std::string_view text) {
    text = Trim(text);
    if (relation == "filename" || type == "filename") {
      if (!text.empty()) scope.file_names.emplace_back(text);
      return true;
    }
    if (relation == "size-in-bytes") {
      uint64_t size = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), size);
      if (ec == std::errc() && end == text.data() + text.size()) scope.info.size = size;
      return true;
    }
    if (relation == "mimetype") {
      scope.info.format = std::string(text);
      return true;
    }
    return false;
  }

  absl::Status MapAttribute(element value, ObjectScope* scope) {
    sink_.set_position(++position_);
    object attr;
    if (value.get(attr) != SUCCESS) {
      sink_.Reject("attribute: not a JSON object");
      return absl::OkStatus();
    }
    const std::string_view type = Trim(Str(attr, "type"));
    const std::string_view uuid = Trim(Str(attr, "uuid"));
    const std::string_view category = Str(attr, "category");
    if (Flag(attr, "deleted") || (scope != nullptr && scope->skip) ||
        category == "Targeting data") {
      sink_.Skip();
      return absl::OkStatus();
    }
    if (type.empty()) {
      sink_.Reject(fmt::format("attribute {}: no type", uuid));
      return absl::OkStatus();
    }
    const std::optional<std::string> text = ValueText(attr);
    if (!text) {
      sink_.Reject(fmt::format("{} {}: no value", type, uuid));
      return absl::OkStatus();
    }
    if (scope != nullptr && scope->file &&
        TakeFileFact(*scope, Str(attr, "object_relation"), type, *text)) {
      return absl::OkStatus();
    }
    absl::StatusOr<std::optional<MispValue>> parsed = ParseMispValue(type, category, *text);
    if (!parsed.ok()) {
      sink_.Reject(fmt::format("{} {}: {}", type, uuid, std::string(parsed.status().message())));
      return absl::OkStatus();
    }
    if (!parsed->has_value()) {
      sink_.Skip();
      return absl::OkStatus();
    }
    const MispValue& got = **parsed;
    const Times times = TimesOf(attr, scope);
    const bool to_ids = Flag(attr, "to_ids");
    IndicatorRecord record;
    record.first_seen = times.first;
    record.last_seen = times.last;
    record.categories = categories_ | CategoriesOf(category, to_ids);
    record.labels = labels_;
    ApplyTags(attr, /*event_level=*/false, record.labels, record.categories);
    record.reference = reference_;
    if (!to_ids) record.confidence = kContextConfidence;
    for (const Indicator& indicator : got.indicators) {
      record.indicator = indicator;
      RETURN_IF_ERROR(sink_.AddIndicator(record));
      if (!report_.empty()) {
        RETURN_IF_ERROR(sink_.SetAttribute(indicator, AttributeKind::kAptReport, uuid_, report_));
      }
    }
    if (got.resolves) {
      RETURN_IF_ERROR(
          Relate(got.indicators[0], RelationType::kResolvesTo, got.indicators[1], times));
    }
    if (!got.file_name.empty()) {
      RETURN_IF_ERROR(
          sink_.SetAttribute(got.indicators[0], AttributeKind::kFileName, got.file_name, ""));
    }
    Node* node = scope != nullptr ? &scope->node
                 : uuid.empty()   ? nullptr
                                  : &nodes_[std::string(uuid)];
    for (const Indicator& indicator : got.indicators) {
      if (node != nullptr) node->Add(indicator, times);
      if (scope != nullptr && scope->file) SetHash(scope->info, indicator);
    }
    return absl::OkStatus();
  }

  static void SetHash(FileInfo& info, const Indicator& hash) {
    if (hash.type == IndicatorType::kMd5) info.md5 = hash.value;
    if (hash.type == IndicatorType::kSha1) info.sha1 = hash.value;
    if (hash.type == IndicatorType::kSha256) info.sha256 = hash.value;
  }

  absl::Status MapObject(element value) {
    object obj;
    if (value.get(obj) != SUCCESS) {
      sink_.set_position(position_ + 1);
      sink_.Reject("object: not a JSON object");
      return absl::OkStatus();
    }
    const std::string_view name = Str(obj, "name");
    ObjectScope scope;
    scope.times = {TimeOf(obj, "first_seen"), TimeOf(obj, "last_seen")};
    scope.skip = Flag(obj, "deleted") || IsVictimObject(name);
    scope.file = name == "file";
    array attributes;
    if (obj["Attribute"].get(attributes) == SUCCESS) {
      for (element a : attributes) RETURN_IF_ERROR(MapAttribute(a, &scope));
    }
    if (scope.file) RETURN_IF_ERROR(EmitFile(scope));
    if (name == "domain-ip") {
      RETURN_IF_ERROR(RelateAll(scope.node.domains, RelationType::kResolvesTo, scope.node.ips,
                                scope.node.times));
    }
    const std::string uuid(Trim(Str(obj, "uuid")));
    if (uuid.empty() || scope.skip) return absl::OkStatus();
    array refs;
    if (obj["ObjectReference"].get(refs) == SUCCESS) {
      for (element r : refs) {
        object ref;
        if (r.get(ref) != SUCCESS || Flag(ref, "deleted")) continue;
        references_.push_back({uuid, std::string(Trim(Str(ref, "referenced_uuid"))),
                               ToLower(Trim(Str(ref, "relationship_type")))});
      }
    }
    nodes_[uuid] = std::move(scope.node);
    return absl::OkStatus();
  }

  // A file object: FileInfo (its hashes, size, mimetype) on each of its hashes when it
  // says more than the hash itself; its names on its strongest hash, which also stands for
  // the file in relations (reports gather a file's attributes and relations over all the
  // hashes its FileInfo names, so one copy is listed once).
  absl::Status EmitFile(ObjectScope& scope) {
    std::vector<Indicator>& hashes = scope.node.files;
    if (hashes.empty()) return absl::OkStatus();
    auto rank = [](const Indicator& h) { return static_cast<int>(h.type); };
    const Indicator best = *std::max_element(
        hashes.begin(), hashes.end(),
        [&](const Indicator& a, const Indicator& b) { return rank(a) < rank(b); });
    if (hashes.size() > 1 || scope.info.size != 0 || !scope.info.format.empty()) {
      const std::string info = AttributeToJson(scope.info);
      for (const Indicator& hash : hashes) {
        RETURN_IF_ERROR(sink_.SetAttribute(hash, AttributeKind::kFileInfo, "", info));
      }
    }
    for (const std::string& name : scope.file_names) {
      RETURN_IF_ERROR(sink_.SetAttribute(best, AttributeKind::kFileName, name, ""));
    }
    hashes = {best};
    return absl::OkStatus();
  }

  absl::Status Relate(const Indicator& from, RelationType type, const Indicator& to,
                      const Times& t) {
    return sink_.AddRelation(from, type, to, RelationStats{t.first, t.last, 1});
  }

  // Each pair of the two lists, in the given direction, up to kMaxPairs: real objects hold
  // a value or two of each kind, and a hostile document must not turn its size squared
  // into relations.
  absl::Status RelateAll(const std::vector<Indicator>& from, RelationType type,
                         const std::vector<Indicator>& to, const Times& t) {
    static constexpr size_t kMaxPairs = 1000;
    size_t pairs = 0;
    for (const Indicator& a : from) {
      for (const Indicator& b : to) {
        if (++pairs > kMaxPairs) return absl::OkStatus();
        RETURN_IF_ERROR(Relate(a, type, b, t));
      }
    }
    return absl::OkStatus();
  }

  absl::Status MapReferences() {
    static constexpr std::string_view kContacts[] = {"communicates-with", "connected-to",
                                                     "connects-to",       "contacted",
                                                     "contacts",          "exfiltrates-to"};
    static constexpr std::string_view kDelivers[] = {"drops", "downloads", "delivers"};
    auto in = [](const auto& list, std::string_view word) {
      return std::find(std::begin(list), std::end(list), word) != std::end(list);
    };
    for (const Reference& ref : references_) {
      auto from = nodes_.find(ref.from), to = nodes_.find(ref.to);
      if (from == nodes_.end() || to == nodes_.end()) continue;
      const Node& a = from->second;
      const Node& b = to->second;
      Times t = a.times;
      t.Widen(b.times);
      if (ref.type == "downloaded-from") {
        RETURN_IF_ERROR(RelateAll(b.urls, RelationType::kDownloadedFile, a.files, t));
        RETURN_IF_ERROR(RelateAll(b.ips, RelationType::kServedFile, a.files, t));
      } else if (in(kContacts, ref.type)) {
        RETURN_IF_ERROR(RelateAll(a.files, RelationType::kAccessedUrl, b.urls, t));
        RETURN_IF_ERROR(RelateAll(a.files, RelationType::kContactedDomain, b.domains, t));
      } else if (in(kDelivers, ref.type)) {
        RETURN_IF_ERROR(RelateAll(a.urls, RelationType::kDownloadedFile, b.files, t));
        RETURN_IF_ERROR(RelateAll(a.ips, RelationType::kServedFile, b.files, t));
      } else if (ref.type == "resolves-to" || ref.type == "resolved-to") {
        RETURN_IF_ERROR(RelateAll(a.domains, RelationType::kResolvesTo, b.ips, t));
      }
    }
    return absl::OkStatus();
  }

  RecordSink& sink_;
  uint64_t& position_;
  std::string uuid_, reference_, report_;
  UnixSeconds date_ = 0;
  CategorySet categories_ = 0;
  std::vector<std::string> labels_;
  std::map<std::string, Node, std::less<>> nodes_;  // by object or attribute uuid
  std::vector<Reference> references_;
};

absl::Status EmitEvent(element value, uint64_t& position, RecordSink& sink) {
  object event;
  if (value.get(event) != SUCCESS) {
    sink.set_position(position + 1);
    sink.Reject("event: not a JSON object");
    return absl::OkStatus();
  }
  return EventMapper(sink, position).Map(event);
}

// A list of events, each {"Event": {...}} or bare.
absl::Status EmitEvents(array events, uint64_t& position, RecordSink& sink) {
  for (element e : events) {
    object wrapper;
    element inner;
    if (e.get(wrapper) == SUCCESS && wrapper["Event"].get(inner) == SUCCESS) e = inner;
    RETURN_IF_ERROR(EmitEvent(e, position, sink));
  }
  return absl::OkStatus();
}

std::string_view JsonTypeName(element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    default:
      return "a number";
  }
}

}  // namespace

absl::Status EmitMispDocument(element document, uint64_t& position, RecordSink& sink) {
  array list;
  if (document.get(list) == SUCCESS) return EmitEvents(list, position, sink);
  object o;
  if (document.get(o) != SUCCESS) {
    sink.set_position(position + 1);
    sink.Reject(fmt::format("not a MISP event: the document is {}", JsonTypeName(document)));
    return absl::OkStatus();
  }
  element inner;
  if (o["Event"].get(inner) == SUCCESS) return EmitEvent(inner, position, sink);
  if (o["response"].get(list) == SUCCESS) return EmitEvents(list, position, sink);
  for (std::string_view key : {"Attribute", "Object", "info", "uuid"}) {
    if (o[key].get(inner) == SUCCESS) return EmitEvent(document, position, sink);
  }
  sink.set_position(position + 1);
  sink.Reject("not a MISP event: no Event, response, Attribute, Object, info or uuid key");
  return absl::OkStatus();
}

absl::Status ParseMispJson(simdjson::dom::parser& parser, std::string_view text, RecordSink& sink) {
  const simdjson::padded_string padded(text);
  element document;
  if (auto error = parser.parse(padded).get(document); error != SUCCESS) {
    sink.set_position(1);
    sink.Reject(fmt::format("not valid JSON: {}", simdjson::error_message(error)));
    return absl::OkStatus();
  }
  uint64_t position = 0;
  return EmitMispDocument(document, position, sink);
}

}  // namespace loupe
