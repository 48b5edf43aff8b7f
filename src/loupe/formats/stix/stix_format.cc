#include "loupe/formats/stix/stix_format.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/feed/record.h"
#include "loupe/formats/stix/stix_objects.h"
#include "loupe/formats/stix/stix_pattern.h"
#include "loupe/model/attributes.h"
#include "loupe/model/category.h"
#include "simdjson.h"

namespace loupe {
namespace {

namespace dom = simdjson::dom;
using simdjson::SUCCESS;
using stix::AddLabel;
using stix::AnchorOf;
using stix::At;
using stix::CountAt;
using stix::StringAt;
using stix::StringsAt;
using stix::TimeAt;
using stix::Values;

constexpr size_t kMaxObjects = size_t{1} << 22;
constexpr size_t kMaxActors = 16;
constexpr uint64_t kMaxReportAttributes = uint64_t{1} << 20;

// ---- What objects are ----

enum class Kind : uint8_t {
  kOther,
  kIndicator,
  kObservable,  // ipv4-addr, ipv6-addr, domain-name, url, file
  kNamed,       // malware, threat-actor, intrusion-set, campaign
  kRelationship,
  kReport,
  kObservedData,
  kSighting,
};

Kind KindOf(std::string_view type) {
  static const std::unordered_map<std::string_view, Kind> kKinds = {
      {"indicator", Kind::kIndicator}, {"malware", Kind::kNamed},
      {"threat-actor", Kind::kNamed},  {"intrusion-set", Kind::kNamed},
      {"campaign", Kind::kNamed},      {"relationship", Kind::kRelationship},
      {"report", Kind::kReport},       {"observed-data", Kind::kObservedData},
      {"sighting", Kind::kSighting},
  };
  if (stix::IsObservableType(type)) return Kind::kObservable;
  auto it = kKinds.find(type);
  return it == kKinds.end() ? Kind::kOther : it->second;
}

bool IsActor(std::string_view type) { return type == "intrusion-set" || type == "threat-actor"; }

struct IndicatorState {
  Values names;
  IndicatorRecord base;  // everything but `indicator`
  bool skip = false;     // revoked, or not a STIX pattern
};

struct NamedState {
  std::string_view name;
  CategorySet categories = 0;
  std::vector<uint32_t> actors;  // entries it is attributed to
};

struct Entry {
  dom::object object;
  std::string_view type, id;
  const char* invalid = nullptr;  // why this is not a STIX object
  Kind kind = Kind::kOther;
  bool current = true;  // false: an older version of an id that occurs again
  uint32_t state = 0;   // index into the state vector of its kind
};

// One input. Entries hold simdjson views: the parser's document must outlive this.
class Document {
 public:
  explicit Document(RecordSink& sink) : sink_(sink) {}

  absl::Status Read(dom::element root) {
    if (!Collect(root)) return absl::OkStatus();
    Index();
    Analyze();
    Link();
    return Emit();
  }

 private:
  // ---- Pass 1: collect, index, analyze, link ----

  bool Collect(dom::element root) {
    dom::array list;
    dom::object object;
    if (root.get_array().get(list) == SUCCESS) {
      for (dom::element e : list) Add(e);
      return true;
    }
    if (root.get_object().get(object) != SUCCESS) {
      sink_.Reject("not a STIX bundle, object or array of objects");
      return false;
    }
    if (StringAt(object, "type") != "bundle") {
      Add(root);
      return true;
    }
    auto objects = At(object, "objects");
    if (!objects) return true;  // an empty bundle
    if (objects->get_array().get(list) != SUCCESS) {
      sink_.Reject("bundle: objects is not an array");
      return false;
    }
    for (dom::element e : list) Add(e);
    return true;
  }

  void Add(dom::element e) {
    if (entries_.size() >= kMaxObjects) {
      ++dropped_;
      return;
    }
    Entry en;
    if (e.get_object().get(en.object) != SUCCESS) {
      en.invalid = "not a JSON object";
    } else if (auto type = StringAt(en.object, "type"); !type || type->empty()) {
      en.invalid = "object has no type";
    } else {
      en.type = *type;
      en.id = StringAt(en.object, "id").value_or("");
      en.kind = KindOf(en.type);
    }
    entries_.push_back(en);
  }

  UnixSeconds Modified(const Entry& en) const {
    auto t = TimeAt(en.object, "modified");
    return t.ok() ? *t : 0;
  }

  // STIX versions an object by republishing its id with a later `modified`.
  void Index() {
    for (uint32_t i = 0; i < entries_.size(); ++i) {
      Entry& en = entries_[i];
      if (en.invalid != nullptr || en.id.empty()) continue;
      auto [it, inserted] = by_id_.try_emplace(en.id, i);
      if (inserted) continue;
      Entry& other = entries_[it->second];
      if (Modified(en) >= Modified(other)) {
        other.current = false;
        it->second = i;
      } else {
        en.current = false;
      }
    }
  }

  void Analyze() {
    for (Entry& en : entries_) {
      if (en.invalid != nullptr || !en.current) continue;
      switch (en.kind) {
        case Kind::kIndicator:
          en.state = static_cast<uint32_t>(indicators_.size());
          indicators_.push_back(AnalyzeIndicator(en));
          break;
        case Kind::kObservable:
          en.state = static_cast<uint32_t>(observables_.size());
          observables_.push_back(stix::ReadObservable(en.object, en.type, Where(en)));
          break;
        case Kind::kNamed:
          en.state = static_cast<uint32_t>(named_.size());
          named_.push_back(AnalyzeNamed(en));
          break;
        default:
          break;
      }
    }
  }

  static std::string Where(const Entry& en) { return std::string(en.id.empty() ? en.type : en.id); }

  IndicatorState AnalyzeIndicator(const Entry& en) {
    IndicatorState s;
    const std::string where = Where(en);
    auto pattern_type = StringAt(en.object, "pattern_type");
    if (stix::TrueAt(en.object, "revoked") || (pattern_type && *pattern_type != "stix")) {
      s.skip = true;
      return s;
    }
    auto pattern_element = At(en.object, "pattern");
    std::string_view pattern;
    if (!pattern_element) {
      s.names.problems.push_back(fmt::format("{}: no pattern", where));
      return s;
    }
    if (pattern_element->get_string().get(pattern) != SUCCESS) {
      s.names.problems.push_back(fmt::format("{}: pattern is not a string", where));
      return s;
    }
    absl::StatusOr<std::vector<PatternComparison>> comparisons = ParseStixPattern(pattern);
    if (!comparisons.ok()) {
      s.names.problems.push_back(
          fmt::format("{}: pattern: {}", where, std::string(comparisons.status().message())));
      return s;
    }
    if (absl::Status st = stix::ReadIndicatorRecord(en.object, s.base); !st.ok()) {
      s.names.problems.push_back(fmt::format("{}: {}", where, std::string(st.message())));
      return s;
    }
    std::unordered_set<std::string> seen;
    for (const PatternComparison& c : *comparisons) {
      absl::StatusOr<std::optional<Indicator>> value = IndicatorFromComparison(c);
      if (!value.ok()) {
        s.names.problems.push_back(
            fmt::format("{}: {}", where, std::string(value.status().message())));
      } else if (*value && seen.insert(RenderKey(**value)).second) {
        s.names.values.push_back(**std::move(value));
      }
    }
    if (s.names.values.size() == 1) s.names.anchor = 0;
    return s;
  }

  static std::string RenderKey(const Indicator& ind) {
    return fmt::format("{}:{}", static_cast<int>(ind.type), ind.value);
  }

  NamedState AnalyzeNamed(const Entry& en) {
    NamedState n;
    n.name = StringAt(en.object, "name").value_or("");
    if (en.type == "malware") {
      n.categories = CategoryBit(Category::kMalware);
      for (std::string_view key : {"labels", "malware_types"}) {
        for (std::string_view word : StringsAt(en.object, key)) {
          if (auto c = CategoryFromName(word)) n.categories |= CategoryBit(*c);
        }
      }
    } else if (IsActor(en.type)) {
      n.categories = CategoryBit(Category::kApt);
    }
    return n;
  }

  const Entry* Find(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &entries_[it->second];
  }

  const Entry* FindKind(std::string_view id, Kind kind) const {
    const Entry* en = Find(id);
    return en != nullptr && en->kind == kind ? en : nullptr;
  }

  // Calls fn(type, source_ref, target_ref) for each current, complete relationship.
  template <typename Fn>
  void ForEachRelationship(Fn&& fn) const {
    for (const Entry& en : entries_) {
      if (en.invalid != nullptr || !en.current || en.kind != Kind::kRelationship) continue;
      auto type = StringAt(en.object, "relationship_type");
      auto source = StringAt(en.object, "source_ref");
      auto target = StringAt(en.object, "target_ref");
      if (type && source && target) fn(*type, *source, *target);
    }
  }

  void Link() {
    ForEachRelationship(
        [&](std::string_view type, std::string_view source, std::string_view target) {
          if (type != "attributed-to") return;
          const Entry* from = FindKind(source, Kind::kNamed);
          const Entry* to = FindKind(target, Kind::kNamed);
          if (from == nullptr || to == nullptr || !IsActor(to->type)) return;
          auto& actors = named_[from->state].actors;
          uint32_t actor = static_cast<uint32_t>(to - entries_.data());
          if (actors.size() < kMaxActors &&
              std::find(actors.begin(), actors.end(), actor) == actors.end()) {
            actors.push_back(actor);
          }
        });
    ForEachRelationship(
        [&](std::string_view type, std::string_view source, std::string_view target) {
          if (type != "indicates") return;
          const Entry* from = FindKind(source, Kind::kIndicator);
          const Entry* to = FindKind(target, Kind::kNamed);
          if (from == nullptr || to == nullptr) return;
          Lend(indicators_[from->state].base, named_[to->state]);
          for (uint32_t actor : named_[to->state].actors) {
            Lend(indicators_[from->state].base, named_[entries_[actor].state]);
          }
        });
    for (const Entry& en : entries_) {
      if (en.invalid != nullptr || !en.current || en.kind != Kind::kReport || en.id.empty()) {
        continue;  // a report without an id is rejected: it lends nothing
      }
      auto name = StringAt(en.object, "name");
      if (!name || name->empty()) continue;
      for (std::string_view ref : StringsAt(en.object, "object_refs")) {
        const Entry* ind = FindKind(ref, Kind::kIndicator);
        if (ind == nullptr) continue;
        IndicatorRecord& base = indicators_[ind->state].base;
        if (base.reference.empty()) base.reference = std::string(*name);
      }
    }
  }

  static void Lend(IndicatorRecord& r, const NamedState& named) {
    AddLabel(r, named.name);
    r.categories |= named.categories;
  }

  // ---- Pass 2: emit in document order ----

  absl::Status Emit() {
    for (size_t i = 0; i < entries_.size(); ++i) {
      sink_.set_position(i + 1);
      RETURN_IF_ERROR(EmitEntry(entries_[i]));
    }
    if (dropped_ > 0) {
      sink_.set_position(kMaxObjects + 1);
      sink_.Reject(fmt::format("{} objects after the first {} not read", dropped_, kMaxObjects));
    }
    return absl::OkStatus();
  }

  absl::Status EmitEntry(const Entry& en) {
    if (en.invalid != nullptr) {
      sink_.Reject(en.invalid);
      return absl::OkStatus();
    }
    if (!en.current) {
      sink_.Skip();
      return absl::OkStatus();
    }
    bool any = false;
    switch (en.kind) {
      case Kind::kIndicator:
        RETURN_IF_ERROR(EmitIndicator(indicators_[en.state], any));
        break;
      case Kind::kObservable:
        RETURN_IF_ERROR(EmitObservable(en, any));
        break;
      case Kind::kRelationship:
        RETURN_IF_ERROR(EmitRelationship(en, any));
        break;
      case Kind::kReport:
        RETURN_IF_ERROR(EmitReport(en, any));
        break;
      case Kind::kObservedData:
        RETURN_IF_ERROR(EmitObservedData(en, any));
        break;
      case Kind::kSighting:
        RETURN_IF_ERROR(EmitSighting(en, any));
        break;
      default:
        break;
    }
    if (!any) sink_.Skip();
    return absl::OkStatus();
  }

  // `any` is set when the object produced a record or a rejection.
  void Reject(const std::string& reason, bool& any) {
    sink_.Reject(reason);
    any = true;
  }

  void RejectAll(const Values& v, bool& any) {
    for (const std::string& p : v.problems) Reject(p, any);
  }

  absl::Status EmitIndicator(const IndicatorState& s, bool& any) {
    if (s.skip) return absl::OkStatus();
    RejectAll(s.names, any);
    IndicatorRecord record = s.base;
    for (const Indicator& value : s.names.values) {
      record.indicator = value;
      RETURN_IF_ERROR(sink_.AddIndicator(record));
      any = true;
    }
    return absl::OkStatus();
  }

  absl::Status EmitObservable(const Entry& en, bool& any) {
    const Values& v = observables_[en.state];
    RejectAll(v, any);
    if (en.type == "file") return EmitFile(en.object, v, any);
    const Indicator* domain = AnchorOf(v);
    if (en.type != "domain-name" || domain == nullptr) return absl::OkStatus();
    // Deprecated in 2.1 in favour of resolves-to relationships, but still written.
    for (std::string_view ref : StringsAt(en.object, "resolves_to_refs")) {
      const Entry* target = FindKind(ref, Kind::kObservable);
      const Indicator* to = target != nullptr ? AnchorOf(observables_[target->state]) : nullptr;
      if (to == nullptr) continue;
      RETURN_IF_ERROR(EmitResolution(*domain, *to, RelationStats{0, 0, 1}, any));
    }
    return absl::OkStatus();
  }

  absl::Status EmitResolution(const Indicator& domain, const Indicator& to,
                              const RelationStats& stats, bool& any) {
    std::optional<RelationType> type = stix::MapRelation(domain, "resolves-to", to);
    if (!type) return absl::OkStatus();
    any = true;
    return sink_.AddRelation(domain, *type, to, stats);
  }

  // FileInfo ties a file's hashes together (the report layer merges what each holds).
  absl::Status EmitFile(dom::object file, const Values& v, bool& any) {
    const Indicator* primary = AnchorOf(v);
    if (primary == nullptr) return absl::OkStatus();
    const FileInfo info = stix::FileInfoOf(file, v);
    if (v.values.size() >= 2 || info.size > 0) {
      const std::string json = AttributeToJson(info);
      for (const Indicator& h : v.values) {
        RETURN_IF_ERROR(sink_.SetAttribute(h, AttributeKind::kFileInfo, "", json));
        any = true;
      }
    }
    auto name = StringAt(file, "name");
    if (name && !name->empty()) {
      RETURN_IF_ERROR(sink_.SetAttribute(*primary, AttributeKind::kFileName, *name, ""));
      any = true;
    }
    return absl::OkStatus();
  }

  const Indicator* AnchorOfId(std::string_view id) const {
    const Entry* en = Find(id);
    if (en == nullptr) return nullptr;
    if (en->kind == Kind::kIndicator) return AnchorOf(indicators_[en->state].names);
    if (en->kind == Kind::kObservable) return AnchorOf(observables_[en->state]);
    return nullptr;
  }

  const std::vector<Indicator>* ValuesOfId(std::string_view id) const {
    const Entry* en = Find(id);
    if (en == nullptr) return nullptr;
    if (en->kind == Kind::kIndicator) return &indicators_[en->state].names.values;
    if (en->kind == Kind::kObservable) return &observables_[en->state].values;
    return nullptr;
  }

  absl::Status EmitRelationship(const Entry& en, bool& any) {
    const std::string where = Where(en);
    for (std::string_view key : {"relationship_type", "source_ref", "target_ref"}) {
      if (!StringAt(en.object, key)) {
        Reject(fmt::format("{}: no {}", where, key), any);
        return absl::OkStatus();
      }
    }
    std::string_view type = *StringAt(en.object, "relationship_type");
    const Indicator* from = AnchorOfId(*StringAt(en.object, "source_ref"));
    const Indicator* to = AnchorOfId(*StringAt(en.object, "target_ref"));
    if (from == nullptr || to == nullptr) return absl::OkStatus();
    std::optional<RelationType> relation = stix::MapRelation(*from, type, *to);
    if (!relation) return absl::OkStatus();
    absl::StatusOr<RelationStats> stats = RelationshipStats(en.object);
    if (!stats.ok()) {
      Reject(fmt::format("{}: {}", where, std::string(stats.status().message())), any);
      return absl::OkStatus();
    }
    any = true;
    return sink_.AddRelation(*from, *relation, *to, *stats);
  }

  static absl::StatusOr<RelationStats> RelationshipStats(dom::object o) {
    RelationStats stats;
    stats.count = 1;
    ASSIGN_OR_RETURN(UnixSeconds start, TimeAt(o, "start_time"));
    ASSIGN_OR_RETURN(UnixSeconds stop, TimeAt(o, "stop_time"));
    ASSIGN_OR_RETURN(UnixSeconds created, TimeAt(o, "created"));
    ASSIGN_OR_RETURN(UnixSeconds modified, TimeAt(o, "modified"));
    stats.first_seen = start != 0 ? start : created;
    stats.last_seen = stop != 0 ? stop : modified;
    if (stats.last_seen != 0) stats.last_seen = std::max(stats.last_seen, stats.first_seen);
    return stats;
  }

  absl::Status EmitReport(const Entry& en, bool& any) {
    const std::string where = Where(en);
    if (en.id.empty()) {
      Reject("report: no id", any);
      return absl::OkStatus();
    }
    const std::string value = AttributeToJson(
        AptReportRef{std::string(en.id), std::string(StringAt(en.object, "name").value_or(""))});
    // An APT report names an intrusion set or threat actor, or says so in its types;
    // feeds file crimeware in reports too, and those must not make objects "APT".
    bool apt = false;
    for (std::string_view ref : StringsAt(en.object, "object_refs")) {
      apt |= ref.rfind("intrusion-set--", 0) == 0 || ref.rfind("threat-actor--", 0) == 0;
    }
    for (const char* key : {"report_types", "labels"}) {
      for (std::string_view word : StringsAt(en.object, key)) {
        apt |= word == "threat-actor" || word == "attribution" || word == "apt";
      }
    }
    const AttributeKind kind = apt ? AttributeKind::kAptReport : AttributeKind::kReport;
    // An indicator and an observable often name the same value: once per report.
    std::unordered_set<std::string> seen;
    for (std::string_view ref : StringsAt(en.object, "object_refs")) {
      const std::vector<Indicator>* values = ValuesOfId(ref);
      if (values == nullptr) continue;
      for (const Indicator& v : *values) {
        if (!seen.insert(RenderKey(v)).second) continue;
        if (report_attributes_ >= kMaxReportAttributes) {
          Reject(fmt::format("{}: more than {} report attributes in one document", where,
                             kMaxReportAttributes),
                 any);
          return absl::OkStatus();
        }
        ++report_attributes_;
        RETURN_IF_ERROR(sink_.SetAttribute(v, kind, en.id, value));
        any = true;
      }
    }
    return absl::OkStatus();
  }

  struct Observation {
    uint64_t hits = 1;
    UnixSeconds time = 0;
    RelationStats stats;
  };

  static absl::StatusOr<Observation> ReadObservation(dom::object o) {
    Observation ob;
    ASSIGN_OR_RETURN(ob.hits, CountAt(o, "number_observed", 1));
    ASSIGN_OR_RETURN(UnixSeconds first, TimeAt(o, "first_observed"));
    ASSIGN_OR_RETURN(UnixSeconds last, TimeAt(o, "last_observed"));
    ob.time = last != 0 ? last : first;
    ob.stats = RelationStats{first, last != 0 ? std::max(last, first) : 0, ob.hits};
    return ob;
  }

  absl::Status EmitObservedData(const Entry& en, bool& any) {
    const std::string where = Where(en);
    absl::StatusOr<Observation> ob = ReadObservation(en.object);
    if (!ob.ok()) {
      Reject(fmt::format("{}: {}", where, std::string(ob.status().message())), any);
      return absl::OkStatus();
    }
    if (ob->hits == 0) return absl::OkStatus();
    dom::object objects;
    if (auto e = At(en.object, "objects"); e && e->get_object().get(objects) == SUCCESS) {
      for (dom::key_value_pair field : objects) {
        RETURN_IF_ERROR(EmitObserved(objects, field, where, *ob, any));
      }
    }
    for (std::string_view ref : StringsAt(en.object, "object_refs")) {
      const Entry* target = FindKind(ref, Kind::kObservable);
      const Indicator* value = target != nullptr ? AnchorOf(observables_[target->state]) : nullptr;
      if (value == nullptr) continue;
      RETURN_IF_ERROR(sink_.Observe(*value, ob->hits, ob->time));
      any = true;
    }
    return absl::OkStatus();
  }

  // One member of a 2.0 observed-data `objects` dictionary, whose references are its keys.
  absl::Status EmitObserved(dom::object objects, const dom::key_value_pair& field,
                            std::string_view where, const Observation& ob, bool& any) {
    dom::object o;
    if (field.value.get_object().get(o) != SUCCESS) return absl::OkStatus();
    auto type = StringAt(o, "type");
    if (!type || !stix::IsObservableType(*type)) return absl::OkStatus();
    const std::string here = fmt::format("{}: objects.{}", where, field.key);
    Values v = stix::ReadObservable(o, *type, here);
    RejectAll(v, any);
    const Indicator* value = AnchorOf(v);
    if (value == nullptr) return absl::OkStatus();
    RETURN_IF_ERROR(sink_.Observe(*value, ob.hits, ob.time));
    any = true;
    if (*type == "file") return EmitFile(o, v, any);
    if (*type != "domain-name") return absl::OkStatus();
    for (std::string_view ref : StringsAt(o, "resolves_to_refs")) {
      dom::object target;
      auto e = At(objects, ref);
      if (!e || e->get_object().get(target) != SUCCESS) continue;
      auto target_type = StringAt(target, "type");
      if (!target_type || !stix::IsObservableType(*target_type)) continue;
      Values to = stix::ReadObservable(target, *target_type, here);
      if (const Indicator* t = AnchorOf(to)) {
        RETURN_IF_ERROR(EmitResolution(*value, *t, ob.stats, any));
      }
    }
    return absl::OkStatus();
  }

  absl::Status EmitSighting(const Entry& en, bool& any) {
    const std::string where = Where(en);
    auto ref = StringAt(en.object, "sighting_of_ref");
    const Entry* sighted = ref ? FindKind(*ref, Kind::kIndicator) : nullptr;
    if (sighted == nullptr) return absl::OkStatus();
    absl::StatusOr<uint64_t> hits = CountAt(en.object, "count", 1);
    absl::StatusOr<UnixSeconds> first = TimeAt(en.object, "first_seen");
    absl::StatusOr<UnixSeconds> last = TimeAt(en.object, "last_seen");
    for (const absl::Status& st : {hits.status(), first.status(), last.status()}) {
      if (!st.ok()) {
        Reject(fmt::format("{}: {}", where, std::string(st.message())), any);
        return absl::OkStatus();
      }
    }
    if (*hits == 0) return absl::OkStatus();
    for (const Indicator& v : indicators_[sighted->state].names.values) {
      RETURN_IF_ERROR(sink_.Observe(v, *hits, *last != 0 ? *last : *first));
      any = true;
    }
    return absl::OkStatus();
  }

  RecordSink& sink_;
  std::vector<Entry> entries_;
  size_t dropped_ = 0;
  std::unordered_map<std::string_view, uint32_t> by_id_;
  std::vector<IndicatorState> indicators_;
  std::vector<Values> observables_;
  std::vector<NamedState> named_;
  uint64_t report_attributes_ = 0;
};

class StixParser : public FeedParser {
 public:
  bool line_oriented() const override { return false; }

  absl::Status ParseDocument(std::string_view text, RecordSink& sink) override {
    padded_ = simdjson::padded_string(text);
    dom::element root;
    simdjson::error_code error = parser_.parse(padded_).get(root);
    if (error != SUCCESS) {
      sink.Reject(fmt::format("not valid JSON: {}", simdjson::error_message(error)));
      return absl::OkStatus();
    }
    return Document(sink).Read(root);
  }

 private:
  simdjson::dom::parser parser_;
  simdjson::padded_string padded_;
};

}  // namespace

std::unique_ptr<FeedParser> MakeStixParser() { return std::make_unique<StixParser>(); }

}  // namespace loupe
