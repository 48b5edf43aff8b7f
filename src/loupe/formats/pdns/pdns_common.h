// Shared machinery of the passive DNS formats (cof, eve-dns, zeek-dns): a padded line
// buffer for simdjson, a memo of canonical names and addresses, and the walk of one DNS
// answer set that turns CNAME chains into relations.
//
// Passive DNS repeats itself: a few thousand names make most of any sensor's traffic. The
// parsers therefore canonicalize each distinct owner name, target and address once
// (ParseIndicatorAs, with its IDNA and public-suffix checks, costs far more than a hash
// lookup) and keep the result, good or bad, in a bounded memo.
//
// Not thread-safe: each parser owns its own instances.
#ifndef LOUPE_FORMATS_PDNS_PDNS_COMMON_H_
#define LOUPE_FORMATS_PDNS_PDNS_COMMON_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/status/status.h"
#include "loupe/feed/record_sink.h"
#include "loupe/model/indicator.h"
#include "loupe/model/relation.h"

namespace loupe::pdns {

// A reusable copy of one line with the zero padding simdjson reads past the end. Grows to
// the longest line seen; never shrinks.
class PaddedBuffer {
 public:
  // Copies `text`; the returned pointer is valid until the next Load.
  const char* Load(std::string_view text);
  size_t capacity() const { return capacity_; }

 private:
  std::unique_ptr<char[]> data_;
  size_t capacity_ = 0;
};

// What a DNS record type means to the pDNS parsers.
enum class RrKind { kA, kAaaa, kCname, kOther };
// "A", "AAAA", "CNAME" (any case) and their numbers ("1", "28", "5", RFC 3597 "TYPE1").
RrKind RrKindFromName(std::string_view rrtype);
RrKind RrKindFromNumber(uint64_t rrtype);

// A value as it may appear in a rejection reason: at most 64 bytes, control bytes as '?'.
std::string Quote(std::string_view value);

// Canonical indicators for DNS names and addresses, memoized. Results are pointers into the
// memo: valid until the next Trim(). A bad value yields nullptr and its reason.
class NameCache {
 public:
  // A DNS owner name or domain-valued rdata ("WWW.Example.COM." -> domain www.example.com).
  // Beyond ParseIndicatorAs(kDomain): only letters, digits, '-', '_', '.' and non-ASCII
  // (IDN) bytes are allowed, so that nothing is refanged or read as a port.
  const Indicator* Domain(std::string_view text, const std::string** reason);
  // The same without the memo, for names that seldom repeat (the owners of aggregated
  // passive DNS: memoizing them only churns the allocator). Valid until the next call of
  // UnsharedDomain or Trim().
  const Indicator* UnsharedDomain(std::string_view text, const std::string** reason);
  // An A (kA) or AAAA (kAaaa) rdata. AAAA holding an IPv4-mapped address gives the IPv4
  // address (as ParseIndicator does); any other family mismatch, or a port, is bad.
  const Indicator* Address(std::string_view text, RrKind kind, const std::string** reason);

  // Empties the memo once it holds more than `max_entries` values. Call between records.
  void Trim(size_t max_entries = kDefaultMaxEntries);
  size_t size() const { return domains_.size() + addresses_.size(); }

  static constexpr size_t kDefaultMaxEntries = 1 << 17;

 private:
  struct Entry {
    bool ok = false;
    Indicator indicator;
    std::string reason;
  };
  using Map = absl::node_hash_map<std::string, Entry>;
  static void ParseDomain(std::string_view text, Entry& entry);
  const Indicator* Result(const Entry& entry, const std::string** reason) const;

  Map domains_;
  Map addresses_;  // keyed with a leading 'A' or 'Q' (AAAA): the kind changes the result
  std::string key_;
  // The last domain looked up: answer sets name the same owner many times in a row.
  std::string last_text_;
  const Entry* last_entry_ = nullptr;
  // UnsharedDomain's one value (aggregated records of one owner are adjacent).
  std::string unshared_text_;
  Entry unshared_;
};

// One answer set (the answers to one query) being turned into relations:
//   CNAME owner -> target      relation cname
//   A/AAAA owner -> address    relation resolves_to
// and, for an address whose owner the query reaches through the set's CNAME chain, also
// resolves_to from the query name: the name the client asked for resolved to that address.
// Owners and targets are compared in canonical form. The chain is followed in answer order,
// as resolvers write it; at most kMaxChain names are tracked (resolvers give up far sooner).
// Names are copied, so a set may span several records (Suricata's version 1 lines).
class AnswerSet {
 public:
  static constexpr size_t kMaxChain = 32;

  // The chain's storage is allocated once: owners passed in may point into it (tail()).
  AnswerSet() : chain_(kMaxChain) {}

  // Starts a set for `query` (null: unknown, then no derived relations) with the stats
  // every relation of the set carries.
  void Begin(const Indicator* query, const RelationStats& stats);
  absl::Status Cname(RecordSink& sink, const Indicator& owner, const Indicator& target);
  absl::Status Address(RecordSink& sink, const Indicator& owner, const Indicator& address);
  // True once any relation was emitted since Begin.
  bool emitted() const { return emitted_; }
  // Relations emitted since construction (never reset).
  uint64_t relations() const { return relations_; }
  bool has_query() const { return has_query_; }
  const Indicator& query() const { return query_; }
  // The last name of the chain from the query (the query itself when there is no CNAME).
  const Indicator* tail() const;

 private:
  bool Reaches(const std::string& name) const;

  Indicator query_{IndicatorType::kDomain, "", std::nullopt};
  bool has_query_ = false;
  RelationStats stats_;
  std::vector<Indicator> chain_;  // kMaxChain slots, reused: the first chain_size_ are live
  size_t chain_size_ = 0;
  bool emitted_ = false;
  uint64_t relations_ = 0;
};

// Remembers the first problem of a record, for its single rejection.
class FirstError {
 public:
  void Clear() { text_.clear(); }
  bool empty() const { return text_.empty(); }
  // "<field> \"<value>\": <reason>", only when nothing was noted yet.
  void Note(std::string_view field, std::string_view value, std::string_view reason);
  void Note(std::string_view text);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// Ends a record: Reject when something was wrong with it (even if parts of it were used),
// else Skip when it yielded nothing.
void Finish(RecordSink& sink, const FirstError& error, bool emitted);

}  // namespace loupe::pdns

#endif  // LOUPE_FORMATS_PDNS_PDNS_COMMON_H_
