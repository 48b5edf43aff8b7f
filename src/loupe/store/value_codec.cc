#include "loupe/store/value_codec.h"

#include "loupe/base/coding.h"

namespace loupe {
namespace {

// Times are stored as varints of seconds; 0 (unknown) costs one byte.
void PutTime(std::string& out, UnixSeconds t) { PutVarint(out, static_cast<uint64_t>(t)); }
bool GetTime(std::string_view& in, UnixSeconds& t) {
  uint64_t v;
  if (!GetVarint(in, v)) return false;
  t = static_cast<UnixSeconds>(v);
  return true;
}
bool GetU8(std::string_view& in, uint8_t& out) { return GetByte(in, out); }

}  // namespace

void EncodeEvidence(std::string& out, const Evidence& e) {
  PutTime(out, e.first_seen);
  PutTime(out, e.last_seen);
  out.push_back(static_cast<char>(e.confidence));
  PutVarint(out, e.categories);
  PutVarint(out, e.labels.size());
  for (const auto& label : e.labels) PutLengthPrefixed(out, label);
  PutLengthPrefixed(out, e.reference);
  PutTime(out, e.expired_at);
}

bool DecodeEvidence(std::string_view in, Evidence& e) {
  uint64_t categories, label_count;
  if (!GetTime(in, e.first_seen) || !GetTime(in, e.last_seen) || !GetU8(in, e.confidence) ||
      !GetVarint(in, categories) || !GetVarint(in, label_count) || label_count > in.size()) {
    return false;
  }
  e.categories = categories;
  e.labels.clear();
  for (uint64_t i = 0; i < label_count; ++i) {
    std::string_view label;
    if (!GetLengthPrefixed(in, label)) return false;
    e.labels.emplace_back(label);
  }
  std::string_view reference;
  if (!GetLengthPrefixed(in, reference) || !GetTime(in, e.expired_at)) return false;
  e.reference = std::string(reference);
  return in.empty();
}

void EncodeSummary(std::string& out, const ObjectSummary& s) {
  PutTime(out, s.first_seen);
  PutTime(out, s.last_seen);
  PutVarint(out, s.hits);
  PutVarint(out, s.categories);
  out.push_back(static_cast<char>(s.malicious));
  out.push_back(static_cast<char>(s.suspicious));
  out.push_back(static_cast<char>(s.adware));
  out.push_back(static_cast<char>(s.benign));
  PutVarint(out, s.evidence_count);
}

void EncodeStoredVerdict(std::string& out, const StoredVerdict& v) {
  out.push_back(static_cast<char>(v.zone));
  out.push_back(static_cast<char>(v.score));
  out.push_back(static_cast<char>((v.has_apt ? 1 : 0) | (v.overridden ? 2 : 0)));
  PutVarint(out, static_cast<uint64_t>(v.judged_at));
  PutVarint(out, static_cast<uint64_t>(v.stale_at));
}

bool DecodeStoredVerdict(std::string_view in, StoredVerdict& v) {
  uint8_t zone, score, flags;
  uint64_t judged, stale;
  if (!GetU8(in, zone) || !GetU8(in, score) || !GetU8(in, flags) || !GetVarint(in, judged) ||
      !GetVarint(in, stale) || zone > static_cast<uint8_t>(Zone::kRed) || score > 100) {
    return false;
  }
  v.zone = static_cast<Zone>(zone);
  v.score = score;
  v.has_apt = flags & 1;
  v.overridden = flags & 2;
  v.judged_at = static_cast<UnixSeconds>(judged);
  v.stale_at = static_cast<UnixSeconds>(stale);
  return true;
}

bool DecodeSummary(std::string_view in, ObjectSummary& s) {
  uint64_t categories, evidence_count;
  if (!GetTime(in, s.first_seen) || !GetTime(in, s.last_seen) || !GetVarint(in, s.hits) ||
      !GetVarint(in, categories) || !GetU8(in, s.malicious) || !GetU8(in, s.suspicious) ||
      !GetU8(in, s.adware) || !GetU8(in, s.benign) || !GetVarint(in, evidence_count)) {
    return false;
  }
  s.categories = categories;
  s.evidence_count = static_cast<uint32_t>(evidence_count);
  return in.empty();
}

void EncodeRelationStats(std::string& out, const RelationStats& s) {
  PutTime(out, s.first_seen);
  PutTime(out, s.last_seen);
  PutVarint(out, s.count);
}

bool DecodeRelationStats(std::string_view in, RelationStats& s) {
  return GetTime(in, s.first_seen) && GetTime(in, s.last_seen) && GetVarint(in, s.count) &&
         in.empty();
}

void EncodeSource(std::string& out, const Source& s) {
  PutVarint(out, s.id);
  PutLengthPrefixed(out, s.name);
  out.push_back(static_cast<char>(s.reliability));
}

bool DecodeSource(std::string_view in, Source& s) {
  uint64_t id;
  std::string_view name;
  if (!GetVarint(in, id) || !GetLengthPrefixed(in, name) || !GetU8(in, s.reliability)) {
    return false;
  }
  s.id = static_cast<SourceId>(id);
  s.name = std::string(name);
  return in.empty();
}

}  // namespace loupe
