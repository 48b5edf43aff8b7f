#include "loupe/store/changeset.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "fmt/format.h"
#include "loupe/base/coding.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/object_key.h"
#include "loupe/store/value_codec.h"

namespace loupe {
namespace {

constexpr uint8_t kChangesetVersion = 1;

}  // namespace

Changeset::Changeset(UnixSeconds time, std::string origin)
    : time_(time), origin_(std::move(origin)) {
  ops_.push_back(static_cast<char>(kChangesetVersion));
  PutVarint(ops_, static_cast<uint64_t>(time_));
  PutLengthPrefixed(ops_, origin_);
  count_offset_ = ops_.size();
  ops_.append(kCountBytes, '\0');
  header_size_ = ops_.size();
  WriteOpCount();
}

// The spill file: chunks of whole ops back to back, with their sizes.
struct Changeset::Spill {
  std::string path;
  size_t threshold = 0;
  FILE* file = nullptr;
  std::vector<size_t> chunks;
  ~Spill() {
    if (file != nullptr) std::fclose(file);
    std::remove(path.c_str());
  }
};

Changeset::Changeset(Changeset&&) noexcept = default;
Changeset& Changeset::operator=(Changeset&&) noexcept = default;
Changeset::~Changeset() = default;

void Changeset::SpillTo(std::string path, size_t threshold) {
  spill_ = std::make_unique<Spill>();
  spill_->path = std::move(path);
  spill_->threshold = threshold;
  spill_->file = std::fopen(spill_->path.c_str(), "wb");
  if (spill_->file == nullptr) {
    status_ =
        absl::InternalError(absl::StrCat("cannot create changeset spill file ", spill_->path));
  }
}

void Changeset::CountOp() {
  ++op_count_;
  WriteOpCount();
  if (spill_ != nullptr && ops_.size() - header_size_ >= spill_->threshold) SpillOps();
}

void Changeset::SpillOps() {
  const size_t size = ops_.size() - header_size_;
  if (status_.ok() && (std::fwrite(ops_.data() + header_size_, 1, size, spill_->file) != size ||
                       std::fflush(spill_->file) != 0)) {
    status_ = absl::InternalError(absl::StrCat("cannot write changeset spill file ", spill_->path));
  }
  spill_->chunks.push_back(size);
  spilled_bytes_ += size;
  ops_.resize(header_size_);
}

absl::Status Changeset::ForEachPiece(const PieceFn& fn) const {
  if (!status_.ok()) return status_;
  if (!spilled()) return fn(ops_);
  RETURN_IF_ERROR(fn(std::string_view(ops_).substr(0, header_size_)));
  std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(spill_->path.c_str(), "rb"), &std::fclose);
  if (!in) return absl::InternalError(absl::StrCat("cannot open ", spill_->path));
  std::string chunk;
  for (size_t size : spill_->chunks) {
    chunk.resize(size);
    if (std::fread(chunk.data(), 1, size, in.get()) != size) {
      return absl::DataLossError(absl::StrCat("short read from ", spill_->path));
    }
    RETURN_IF_ERROR(fn(chunk));
  }
  if (ops_.size() > header_size_) RETURN_IF_ERROR(fn(std::string_view(ops_).substr(header_size_)));
  return absl::OkStatus();
}

void Changeset::WriteOpCount() {
  // A varint padded to a fixed width (continuation bits on all but the last byte): any
  // varint reader decodes it, and the count can be rewritten in place.
  uint64_t v = op_count_;
  for (size_t i = 0; i < kCountBytes; ++i, v >>= 7) {
    ops_[count_offset_ + i] = static_cast<char>((v & 0x7f) | (i + 1 < kCountBytes ? 0x80 : 0));
  }
}

void Changeset::DefineSource(const Source& source) {
  ops_.push_back(static_cast<char>(OpCode::kDefineSource));
  std::string encoded;
  EncodeSource(encoded, source);
  PutLengthPrefixed(ops_, encoded);
  CountOp();
}

void Changeset::AddEvidence(std::string_view object, const Evidence& evidence) {
  ops_.push_back(static_cast<char>(OpCode::kAddEvidence));
  ops_.append(object);
  PutVarint(ops_, evidence.source);
  std::string encoded;
  EncodeEvidence(encoded, evidence);
  PutLengthPrefixed(ops_, encoded);
  CountOp();
}

void Changeset::SetAttribute(std::string_view object, AttributeKind kind, std::string_view item,
                             std::string_view value) {
  ops_.push_back(static_cast<char>(OpCode::kSetAttribute));
  ops_.append(object);
  ops_.push_back(static_cast<char>(kind));
  PutLengthPrefixed(ops_, item);
  PutLengthPrefixed(ops_, value);
  CountOp();
}

void Changeset::AddRelation(std::string_view from, RelationType type, std::string_view to,
                            const RelationStats& stats) {
  ops_.push_back(static_cast<char>(OpCode::kAddRelation));
  ops_.append(from);
  ops_.push_back(static_cast<char>(type));
  ops_.append(to);
  std::string encoded;
  EncodeRelationStats(encoded, stats);
  PutLengthPrefixed(ops_, encoded);
  CountOp();
}

void Changeset::Observe(std::string_view object, uint64_t hits, UnixSeconds time) {
  ops_.push_back(static_cast<char>(OpCode::kObserve));
  ops_.append(object);
  PutVarint(ops_, hits);
  PutVarint(ops_, static_cast<uint64_t>(time));
  CountOp();
}

ChangesetReader::ChangesetReader(std::string_view encoded, bool in_pieces)
    : in_(encoded), in_pieces_(in_pieces) {
  uint8_t version;
  uint64_t time;
  if (!GetByte(in_, version) || version != kChangesetVersion) {
    Fail("unknown changeset version");
  } else if (!GetVarint(in_, time) || !GetLengthPrefixed(in_, origin_) ||
             !GetVarint(in_, op_count_)) {
    Fail("truncated changeset header");
  } else {
    time_ = static_cast<UnixSeconds>(time);
  }
}

absl::Status ChangesetReader::Finish() {
  if (status_.ok() && ops_read_ != op_count_) Fail("changeset ends early");
  return status_;
}

bool ChangesetReader::Fail(std::string_view what) {
  if (status_.ok()) {
    status_ = absl::DataLossError(fmt::format("{} (op {})", what, ops_read_));
  }
  in_ = {};
  return false;
}

bool ChangesetReader::Next(ChangesetOp& op) {
  if (!status_.ok()) return false;
  if (in_.empty()) {
    return ops_read_ == op_count_ || in_pieces_ ? false : Fail("changeset ends early");
  }
  uint8_t code;
  GetByte(in_, code);
  op.code = static_cast<OpCode>(code);
  std::string_view encoded;
  uint64_t number;
  switch (op.code) {
    case OpCode::kDefineSource:
      if (!GetLengthPrefixed(in_, encoded) || !DecodeSource(encoded, op.source)) {
        return Fail("bad source op");
      }
      break;
    case OpCode::kAddEvidence:
      if (!SplitObjectKey(in_, op.object) || !GetVarint(in_, number) ||
          !GetLengthPrefixed(in_, encoded) || !DecodeEvidence(encoded, op.evidence)) {
        return Fail("bad evidence op");
      }
      op.evidence.source = static_cast<SourceId>(number);
      break;
    case OpCode::kSetAttribute: {
      uint8_t kind;
      if (!SplitObjectKey(in_, op.object) || !GetByte(in_, kind) ||
          !GetLengthPrefixed(in_, op.item) || !GetLengthPrefixed(in_, op.value)) {
        return Fail("bad attribute op");
      }
      op.kind = static_cast<AttributeKind>(kind);
      break;
    }
    case OpCode::kAddRelation: {
      uint8_t type;
      if (!SplitObjectKey(in_, op.object) || !GetByte(in_, type) || type == 0 ||
          type > kMaxRelationType || !SplitObjectKey(in_, op.other) ||
          !GetLengthPrefixed(in_, encoded) || !DecodeRelationStats(encoded, op.stats)) {
        return Fail("bad relation op");
      }
      op.relation = static_cast<RelationType>(type);
      break;
    }
    case OpCode::kObserve: {
      uint64_t time;
      if (!SplitObjectKey(in_, op.object) || !GetVarint(in_, number) || !GetVarint(in_, time)) {
        return Fail("bad observe op");
      }
      op.stats = {static_cast<UnixSeconds>(time), static_cast<UnixSeconds>(time), number};
      break;
    }
    default:
      return Fail(absl::StrCat("unknown op code ", code));
  }
  ++ops_read_;
  return true;
}

}  // namespace loupe
