#include "loupe/formats/pdns/pdns_common.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "simdjson.h"

namespace loupe::pdns {
namespace {

constexpr size_t kQuoteBytes = 64;

bool EqualsNoCase(std::string_view a, std::string_view upper) {
  return a.size() == upper.size() &&
         std::equal(a.begin(), a.end(), upper.begin(), [](char x, char u) {
           return (x >= 'a' && x <= 'z' ? static_cast<char>(x - 32) : x) == u;
         });
}

// Bytes a DNS name may carry into ParseIndicatorAs: nothing it would refang ("[.]") or read
// as a port (':'). Non-ASCII bytes are IDN and left to IDNA.
const char* BadNameChar(std::string_view text) {
  for (const char& c : text) {
    auto u = static_cast<unsigned char>(c);
    bool ok = u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return &c;
  }
  return nullptr;
}

std::string CharName(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u > 0x20 && u < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("0x{:02x}", u);
}

}  // namespace

const char* PaddedBuffer::Load(std::string_view text) {
  const size_t need = text.size() + simdjson::SIMDJSON_PADDING;
  if (need > capacity_) {
    capacity_ = std::max(need, capacity_ * 2);
    data_ = std::make_unique<char[]>(capacity_);  // value-initialized: padding is zero
  }
  std::memcpy(data_.get(), text.data(), text.size());
  // simdjson reads up to SIMDJSON_PADDING bytes past the end; keep them defined.
  std::memset(data_.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
  return data_.get();
}

RrKind RrKindFromName(std::string_view rrtype) {
  if (EqualsNoCase(rrtype, "A")) return RrKind::kA;
  if (EqualsNoCase(rrtype, "AAAA")) return RrKind::kAaaa;
  if (EqualsNoCase(rrtype, "CNAME")) return RrKind::kCname;
  // RFC 3597 names unknown types "TYPE<n>"; some feeds write known ones that way too.
  if (rrtype.size() > 4 && EqualsNoCase(rrtype.substr(0, 4), "TYPE")) rrtype.remove_prefix(4);
  uint64_t number = 0;
  auto [ptr, ec] = std::from_chars(rrtype.data(), rrtype.data() + rrtype.size(), number);
  if (ec == std::errc() && ptr == rrtype.data() + rrtype.size()) return RrKindFromNumber(number);
  return RrKind::kOther;
}

RrKind RrKindFromNumber(uint64_t rrtype) {
  switch (rrtype) {
    case 1:
      return RrKind::kA;
    case 28:
      return RrKind::kAaaa;
    case 5:
      return RrKind::kCname;
    default:
      return RrKind::kOther;
  }
}

std::string Quote(std::string_view value) {
  size_t keep = std::min(value.size(), kQuoteBytes);
  // Cut at a character boundary: never inside a UTF-8 sequence.
  while (keep < value.size() && keep > 0 &&
         (static_cast<unsigned char>(value[keep]) & 0xc0) == 0x80) {
    --keep;
  }
  std::string out(value.substr(0, keep));
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '?';
  }
  if (keep < value.size()) out += "...";
  return out;
}

const Indicator* NameCache::Result(const Entry& entry, const std::string** reason) const {
  if (entry.ok) return &entry.indicator;
  *reason = &entry.reason;
  return nullptr;
}

void NameCache::ParseDomain(std::string_view text, Entry& entry) {
  entry.ok = false;
  if (const char* bad = BadNameChar(text)) {
    entry.reason = fmt::format("not a valid domain: invalid character {}", CharName(*bad));
  } else if (auto parsed = ParseIndicatorAs(IndicatorType::kDomain, text); parsed.ok()) {
    entry.ok = true;
    entry.indicator = *std::move(parsed);
  } else {
    entry.reason = std::string(parsed.status().message());
  }
}

const Indicator* NameCache::Domain(std::string_view text, const std::string** reason) {
  if (last_entry_ != nullptr && text == last_text_) return Result(*last_entry_, reason);
  last_text_.assign(text.data(), text.size());
  auto it = domains_.find(absl::string_view(text.data(), text.size()));
  if (it != domains_.end()) {
    last_entry_ = &it->second;
    return Result(it->second, reason);
  }
  Entry entry;
  ParseDomain(text, entry);
  auto [pos, inserted] = domains_.emplace(std::string(text.data(), text.size()), std::move(entry));
  last_entry_ = &pos->second;
  return Result(pos->second, reason);
}

const Indicator* NameCache::UnsharedDomain(std::string_view text, const std::string** reason) {
  if (text != unshared_text_ || unshared_text_.empty()) {
    unshared_text_.assign(text.data(), text.size());
    ParseDomain(text, unshared_);
  }
  return Result(unshared_, reason);
}

const Indicator* NameCache::Address(std::string_view text, RrKind kind,
                                    const std::string** reason) {
  key_.assign(1, kind == RrKind::kAaaa ? 'Q' : 'A');
  key_.append(text.data(), text.size());
  auto it = addresses_.find(absl::string_view(key_));
  if (it != addresses_.end()) return Result(it->second, reason);
  Entry entry;
  const bool v6 = kind == RrKind::kAaaa;
  auto parsed = ParseIndicatorAs(v6 ? IndicatorType::kIpv6 : IndicatorType::kIpv4, text);
  if (!parsed.ok() && v6 && text.find(':') != std::string_view::npos) {
    // "::ffff:192.0.2.1" is the IPv4 address it maps, as everywhere else in loupe.
    if (auto mapped = ParseIndicatorAs(IndicatorType::kIpv4, text); mapped.ok() && !mapped->port) {
      parsed = std::move(mapped);
    }
  }
  if (!parsed.ok()) {
    entry.reason = std::string(parsed.status().message());
  } else if (parsed->port) {
    entry.reason = fmt::format("not a valid {}: an address with a port", v6 ? "IPv6" : "IPv4");
  } else {
    entry.ok = true;
    entry.indicator = *std::move(parsed);
  }
  auto [pos, inserted] = addresses_.emplace(key_, std::move(entry));
  return Result(pos->second, reason);
}

void NameCache::Trim(size_t max_entries) {
  // All or nothing: a memo that overflows is cold anyway, and clearing is cheap next to
  // what an LRU would cost on every hit.
  if (domains_.size() > max_entries) {
    domains_.clear();
    last_entry_ = nullptr;
  }
  unshared_text_.clear();
  if (addresses_.size() > max_entries) addresses_.clear();
}

void AnswerSet::Begin(const Indicator* query, const RelationStats& stats) {
  has_query_ = query != nullptr;
  if (has_query_) query_ = *query;
  stats_ = stats;
  chain_size_ = 0;
  emitted_ = false;
}

bool AnswerSet::Reaches(const std::string& name) const {
  if (!has_query_) return false;
  if (name == query_.value) return true;
  for (size_t i = 0; i < chain_size_; ++i) {
    if (chain_[i].value == name) return true;
  }
  return false;
}

const Indicator* AnswerSet::tail() const {
  if (chain_size_ > 0) return &chain_[chain_size_ - 1];
  return has_query_ ? &query_ : nullptr;
}

absl::Status AnswerSet::Cname(RecordSink& sink, const Indicator& owner, const Indicator& target) {
  RETURN_IF_ERROR(sink.AddRelation(owner, RelationType::kCname, target, stats_));
  emitted_ = true;
  ++relations_;
  if (chain_size_ < kMaxChain && Reaches(owner.value) && !Reaches(target.value)) {
    chain_[chain_size_++] = target;
  }
  return absl::OkStatus();
}

absl::Status AnswerSet::Address(RecordSink& sink, const Indicator& owner,
                                const Indicator& address) {
  RETURN_IF_ERROR(sink.AddRelation(owner, RelationType::kResolvesTo, address, stats_));
  emitted_ = true;
  ++relations_;
  if (has_query_ && owner.value != query_.value && Reaches(owner.value)) {
    RETURN_IF_ERROR(sink.AddRelation(query_, RelationType::kResolvesTo, address, stats_));
    ++relations_;
  }
  return absl::OkStatus();
}

void FirstError::Note(std::string_view field, std::string_view value, std::string_view reason) {
  if (text_.empty()) text_ = fmt::format("{} \"{}\": {}", field, Quote(value), reason);
}

void FirstError::Note(std::string_view text) {
  if (text_.empty()) text_.assign(text.data(), text.size());
}

void Finish(RecordSink& sink, const FirstError& error, bool emitted) {
  if (!error.empty()) {
    sink.Reject(error.text());
  } else if (!emitted) {
    sink.Skip();
  }
}

}  // namespace loupe::pdns
