#include "loupe/store/summary_index.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>

#include "absl/hash/hash.h"

namespace loupe {
namespace {

constexpr size_t kMinSlots = 1024;

uint64_t HashKey(std::string_view key) { return absl::HashOf(key); }
uint32_t TagOf(uint64_t hash) { return static_cast<uint32_t>(hash >> 32) | 1u; }

}  // namespace

SummaryIndex::SlotArray::SlotArray(size_t n) : count(n) {
  size_t bytes = n * sizeof(Slot);
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();  // out of memory: nothing sensible to do
  madvise(p, bytes, MADV_HUGEPAGE);             // a hint; fine if refused
  data = static_cast<Slot*>(p);                 // zero-filled: every slot empty
}

SummaryIndex::SlotArray::~SlotArray() { munmap(data, count * sizeof(Slot)); }

SummaryIndex::SummaryIndex(size_t expected_objects) {
  absl::MutexLock lock(&mu_);
  slots_ =
      std::make_unique<SlotArray>(std::max(kMinSlots, std::bit_ceil(expected_objects * 4 / 3 + 1)));
}

uint64_t SummaryIndex::EncodeKey(std::string_view key) {
  if (key.size() <= 7) {
    uint64_t word = uint64_t{key.size()} << 56;
    for (size_t i = 0; i < key.size(); ++i) {
      word |= uint64_t{static_cast<uint8_t>(key[i])} << (8 * i);
    }
    return word;
  }
  uint64_t offset = arena_.size();
  auto size = static_cast<uint32_t>(key.size());
  arena_.append(reinterpret_cast<const char*>(&size), sizeof size);
  arena_.append(key);
  return kArenaKey | offset;
}

std::string_view SummaryIndex::StoredKey(const Slot& slot, std::string& buffer) const {
  if ((slot.key & kArenaKey) == kArenaKey) {
    return ArenaKey(slot.key & ~kArenaKey);
  }
  buffer.clear();
  for (size_t i = 0; i < (slot.key >> 56); ++i) {
    buffer.push_back(static_cast<char>(slot.key >> (8 * i)));
  }
  return buffer;
}

bool SummaryIndex::KeyEquals(const Slot& slot, std::string_view key) const {
  if ((slot.key & kArenaKey) != kArenaKey) {
    if ((slot.key >> 56) != key.size()) return false;
    for (size_t i = 0; i < key.size(); ++i) {
      if (static_cast<uint8_t>(slot.key >> (8 * i)) != static_cast<uint8_t>(key[i])) return false;
    }
    return true;
  }
  return ArenaKey(slot.key & ~kArenaKey) == key;
}

std::string_view SummaryIndex::ArenaKey(uint64_t offset) const {
  uint32_t size;
  std::memcpy(&size, arena_.data() + offset, sizeof size);
  return std::string_view(arena_).substr(offset + sizeof size, size);
}

size_t SummaryIndex::Probe(std::string_view key, uint64_t hash) const {
  const size_t mask = slots_->count - 1;
  const uint32_t tag = TagOf(hash);
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_->data[i];
    if (s.tag == 0) return i;
    if (s.tag == tag && KeyEquals(s, key)) return i;
  }
}

void SummaryIndex::Grow() {
  auto old = std::move(slots_);
  slots_ = std::make_unique<SlotArray>(old->count * 2);
  const size_t mask = slots_->count - 1;
  std::string buffer;
  for (size_t j = 0; j < old->count; ++j) {
    const Slot& s = old->data[j];
    if (s.tag == 0) continue;
    size_t i = HashKey(StoredKey(s, buffer)) & mask;
    while (slots_->data[i].tag != 0) i = (i + 1) & mask;
    slots_->data[i] = s;
  }
}

void SummaryIndex::Merge(std::string_view key, const ObjectSummary& delta) {
  if (!delta.HasEvidence()) return;
  uint64_t hash = HashKey(key);
  absl::MutexLock lock(&mu_);
  if ((size_ + 1) * 4 > slots_->count * 3) Grow();
  Slot& s = slots_->data[Probe(key, hash)];
  if (s.tag == 0) {
    s.tag = TagOf(hash);
    s.key = EncodeKey(key);
    ++size_;
  }
  const uint8_t weights[4] = {delta.malicious, delta.suspicious, delta.adware, delta.benign};
  for (int w = 0; w < 4; ++w) s.weights[w] = std::max(s.weights[w], weights[w]);
}

std::optional<ObjectSummary> SummaryIndex::Find(std::string_view key) const {
  uint64_t hash = HashKey(key);
  absl::ReaderMutexLock lock(&mu_);
  const Slot& s = slots_->data[Probe(key, hash)];
  if (s.tag == 0) return std::nullopt;
  ObjectSummary out;
  out.malicious = s.weights[0];
  out.suspicious = s.weights[1];
  out.adware = s.weights[2];
  out.benign = s.weights[3];
  out.evidence_count = 1;
  return out;
}

size_t SummaryIndex::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return size_;
}

}  // namespace loupe
