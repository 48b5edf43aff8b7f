#include "loupe/model/object_key.h"

#include "absl/strings/str_cat.h"
#include "loupe/base/coding.h"
#include "loupe/model/hash.h"
#include "loupe/model/ip.h"

namespace loupe {
namespace {

std::string Payload(const Indicator& indicator) {
  switch (indicator.type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6: {
      auto ip = ParseIp(indicator.value);
      return ip.ok() ? std::string(ip->view()) : std::string();
    }
    case IndicatorType::kNetwork: {
      auto net = ParseNetwork(indicator.value);
      if (!net.ok()) return {};
      std::string out(net->base.view());
      out.push_back(static_cast<char>(net->prefix_len));
      return out;
    }
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256: {
      auto bytes = HexToBytes(indicator.value);
      return bytes.ok() ? *std::move(bytes) : std::string();
    }
    case IndicatorType::kDomain:
    case IndicatorType::kUrl:
      break;
  }
  return indicator.value;
}

absl::StatusOr<std::string> PayloadToText(IndicatorType type, std::string_view payload) {
  switch (type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6: {
      auto ip = IpFromBytes(payload);
      if (!ip.ok()) return ip.status();
      return FormatIp(*ip);
    }
    case IndicatorType::kNetwork: {
      if (payload.empty()) return absl::InvalidArgumentError("empty network key");
      auto ip = IpFromBytes(payload.substr(0, payload.size() - 1));
      if (!ip.ok()) return ip.status();
      return FormatNetwork({*ip, static_cast<uint8_t>(payload.back())});
    }
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256:
      return BytesToHex(payload);
    case IndicatorType::kDomain:
    case IndicatorType::kUrl:
      return std::string(payload);
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown object type ", static_cast<int>(type)));
}

}  // namespace

void AppendObjectKey(std::string& out, const Indicator& indicator) {
  out.push_back(static_cast<char>(indicator.type));
  PutLengthPrefixed(out, Payload(indicator));
}

std::string EncodeObjectKey(const Indicator& indicator) {
  std::string out;
  AppendObjectKey(out, indicator);
  return out;
}

bool SplitObjectKey(std::string_view& in, std::string_view& key) {
  std::string_view rest = in;
  uint8_t type;
  std::string_view payload;
  if (!GetByte(rest, type) || !GetLengthPrefixed(rest, payload)) return false;
  key = in.substr(0, in.size() - rest.size());
  in = rest;
  return true;
}

IndicatorType ObjectKeyType(std::string_view key) {
  return static_cast<IndicatorType>(key.empty() ? 0 : static_cast<uint8_t>(key[0]));
}

absl::StatusOr<Indicator> DecodeObjectKey(std::string_view& in) {
  uint8_t type_byte;
  std::string_view payload;
  if (!GetByte(in, type_byte) || !GetLengthPrefixed(in, payload)) {
    return absl::InvalidArgumentError("truncated object key");
  }
  auto type = static_cast<IndicatorType>(type_byte);
  if (type_byte < 1 || type_byte > 8) {
    return absl::InvalidArgumentError(absl::StrCat("unknown object type ", type_byte));
  }
  auto text = PayloadToText(type, payload);
  if (!text.ok()) return text.status();
  return Indicator{type, *std::move(text), std::nullopt};
}

}  // namespace loupe
