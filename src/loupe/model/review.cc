#include "loupe/model/review.h"

#include <array>

#include "absl/strings/match.h"
#include "boost/json.hpp"

namespace loupe {
namespace {

constexpr std::array<std::string_view, 5> kZoneNames = {"Grey", "Green", "Yellow", "Orange", "Red"};

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return absl::EqualsIgnoreCase(absl::string_view(a.data(), a.size()),
                                absl::string_view(b.data(), b.size()));
}

}  // namespace

std::string_view ZoneName(Zone zone) {
  const auto i = static_cast<size_t>(zone);
  return i < kZoneNames.size() ? kZoneNames[i] : "Grey";
}

std::optional<Zone> ZoneFromName(std::string_view name) {
  if (EqualsNoCase(name, "gray")) return Zone::kGrey;
  for (size_t i = 0; i < kZoneNames.size(); ++i) {
    if (EqualsNoCase(name, kZoneNames[i])) return static_cast<Zone>(i);
  }
  return std::nullopt;
}

std::string_view ReviewActionName(ReviewAction action) {
  switch (action) {
    case ReviewAction::kSetZone:
      return "set";
    case ReviewAction::kFalsePositive:
      return "false-positive";
    case ReviewAction::kClear:
      return "clear";
    case ReviewAction::kComment:
      return "comment";
  }
  return "unknown";
}

std::string ReviewItem(int64_t micros, uint32_t nonce) {
  std::string item(12, '\0');
  const auto t = static_cast<uint64_t>(micros);
  for (int i = 0; i < 8; ++i) item[i] = static_cast<char>(t >> (56 - 8 * i));
  for (int i = 0; i < 4; ++i) item[8 + i] = static_cast<char>(nonce >> (24 - 8 * i));
  return item;
}

std::string EncodeReview(const Review& r) {
  boost::json::object o{{"action", ReviewActionName(r.action)},
                        {"zone", ZoneName(r.zone)},
                        {"reason", r.reason},
                        {"author", r.author},
                        {"time", r.time},
                        {"expires_at", r.expires_at}};
  return boost::json::serialize(o);
}

std::optional<Review> DecodeReview(std::string_view json) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
  if (ec || !v.is_object()) return std::nullopt;
  const boost::json::object& o = v.as_object();
  const auto* action = o.if_contains("action");
  const auto* zone = o.if_contains("zone");
  const auto* time = o.if_contains("time");
  if (!action || !action->is_string() || !zone || !zone->is_string() || !time ||
      !time->is_int64()) {
    return std::nullopt;
  }
  Review r;
  bool known = false;
  for (ReviewAction a : {ReviewAction::kSetZone, ReviewAction::kFalsePositive, ReviewAction::kClear,
                         ReviewAction::kComment}) {
    if (action->as_string() == ReviewActionName(a)) {
      r.action = a;
      known = true;
    }
  }
  auto z = ZoneFromName(std::string_view(zone->as_string()));
  if (!known || !z) return std::nullopt;
  r.zone = *z;
  r.time = time->as_int64();
  if (const auto* v = o.if_contains("reason"); v && v->is_string()) r.reason = v->as_string();
  if (const auto* v = o.if_contains("author"); v && v->is_string()) r.author = v->as_string();
  if (const auto* v = o.if_contains("expires_at"); v && v->is_int64()) r.expires_at = v->as_int64();
  return r;
}

std::optional<Review> OverrideAt(const std::vector<Review>& reviews, UnixSeconds now) {
  std::optional<Review> current;
  for (const Review& r : reviews) {
    if (r.time > now) continue;
    if (r.action == ReviewAction::kSetZone || r.action == ReviewAction::kFalsePositive) {
      current = r;
    } else if (r.action == ReviewAction::kClear) {
      current.reset();
    }
  }
  if (current && current->expires_at != 0 && current->expires_at <= now) return std::nullopt;
  return current;
}

}  // namespace loupe
